#include "core/lg_req.h"

#include <string.h>

static const char *const op_names[LG_OP_COUNT] = { "RD", "WR", "NMC" };
static const char *const dt_names[LG_DT_COUNT] = {
	"none", "fp32", "bf16", "fp16", "fp8-e4m3"
};

const char *lg_op_name(lg_op op)
{
	return op < LG_OP_COUNT ? op_names[op] : "?";
}

const char *lg_dtype_name(lg_dtype dt)
{
	return dt < LG_DT_COUNT ? dt_names[dt] : "?";
}

lg_dtype lg_dtype_parse(const char *s)
{
	for (int i = 1; i < LG_DT_COUNT; i++)
		if (strcmp(s, dt_names[i]) == 0)
			return (lg_dtype)i;
	return LG_DT_NONE;
}
