# Thin wrapper: set-up, CMake configure and build, then run or test.
#   make run        install deps, build, run the default scenario (the bundled
#                   GEMM kernel on the Lite-GPU die)
#   make test       install deps, build, run every test (ctest)
#   make test SAN=1 the same with ASan+UBSan, in build-san/
#   make area       gate counts of the RTL blocks (light yosys flow, cached by content)
#   make area-full  the same with the full yosys flow (slow)
#   make bench      run the benchmarks under bench/
#   make install    install the SystemC TLM library (liblgcm, liblgsim-systemc,
#                   header, lgsim-systemc.pc) under PREFIX (default /usr/local);
#                   DESTDIR is honoured (staged installs)
#   make fuzz       install clang, build the libFuzzer targets (build-fuzz/) and
#                   run each for FUZZ_SECONDS (default 60; bench/fuzz.sh)
JOBS  ?= $(shell nproc)
ifeq ($(SAN),1)
BUILD ?= build-san
CMAKE_FLAGS += -DLG_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
else
BUILD ?= build
CMAKE_FLAGS += -DCMAKE_BUILD_TYPE=Release
endif

FUZZ_SECONDS ?= 60

.PHONY: deps configure build run test area area-full bench clean docs install fuzz
deps:
	@scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# Only the lgsim target (no unit tests, checker mutants, Verilator builds:
# `lgsim cosim` runs the separate lgsim-cosim, built by `make build`/`make
# test`), its compiler output kept in a log that is shown on failure.
run: configure
	@cmake --build $(BUILD) -j $(JOBS) --target lgsim >$(BUILD)/make-run.log 2>&1 || \
	  { cat $(BUILD)/make-run.log; exit 1; }
	$(BUILD)/lgsim run -c configs/lite-gpu.ini -t traces/gemm_bf16_512x512x256.lgt \
	  -o $(BUILD)/run-stats.json --timeline $(BUILD)/run-timeline.json

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

docs: build
	$(BUILD)/lgsim config doc > docs/config.md

area: deps
	@rtl/area/area.sh $(CURDIR)

area-full: deps
	@rtl/area/area.sh $(CURDIR) --full

bench: build
	bench/run.sh $(BUILD)

PREFIX ?= /usr/local
install: build
	DESTDIR=$(DESTDIR) cmake --install $(BUILD) --prefix $(PREFIX)

fuzz:
	@scripts/install-deps.sh --fuzz
	bench/fuzz.sh --build build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build build-san build-fuzz
