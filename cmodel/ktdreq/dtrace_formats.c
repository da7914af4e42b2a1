/*
 * The table of every lg_dtrace format, in probe order (lg_dtrace_readers,
 * declared in trace/dtrace.h). It lives here, above trace/ and ktrace/, so
 * that trace/ includes nothing of the kernel-trace code: the DRAM request
 * readers come from trace/, the kernel-trace adaptors from ktrace_dreq.c.
 */
#include "ktdreq/ktrace_dreq.h"
#include "trace/dtr_int.h"

static const lg_dtrace_reader *const readers[] = {
	&lg_dtr_text,
	&lg_dtr_dramsim3,
	&lg_dtr_ramulator,
	&lg_dtrace_reader_lgt,      /* kernel traces, memory-only (ktrace_dreq.c) */
	&lg_dtrace_reader_accelsim,
};

const lg_dtrace_reader *const *lg_dtrace_readers(size_t *n)
{
	*n = sizeof(readers) / sizeof(readers[0]);
	return readers;
}
