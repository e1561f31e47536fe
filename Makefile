# ring3: the two commands.
#   make demo   install what is missing, build, run the readfile demo
#   make test   install what is missing, build, run the whole suite (ctest)
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all demo test setup build bench fuzz fuzz-differential clean
all: build

setup:
	@bash scripts/setup.sh $(EXTRA_PACKAGES)

# The default preset builds into build/ (CMakePresets.json); BUILD=dir
# selects another directory with the same settings.
ifeq ($(BUILD),build)
CONFIGURE = cmake --preset default
else
CONFIGURE = cmake --preset default -B $(BUILD)
endif

$(BUILD)/build.ninja:
	$(CONFIGURE)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash scripts/demo.sh $(BUILD)

# The whole suite, then the hosted unit tests again under ASan and UBSan
# (the asan preset, in $(BUILD)-asan).
test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	@test -f $(BUILD)-asan/build.ninja || cmake --preset asan -B $(BUILD)-asan
	cmake --build $(BUILD)-asan -j $(JOBS)
	ctest --test-dir $(BUILD)-asan --output-on-failure -j $(JOBS)

# The peers the benchmarks compare against, from Debian's packages.
BENCH_PACKAGES = musl-tools:/usr/bin/musl-gcc hyperfine:/usr/bin/hyperfine \
  busybox:/bin/busybox libfmt-dev:/usr/include/fmt/format.h time:/usr/bin/time

bench: build
	@bash scripts/setup.sh $(BENCH_PACKAGES)
	@bash bench/run.sh $(BUILD)

# A long fuzzing campaign (tests/fuzz/run.sh; docs/reliability.md):
# FUZZ_SECONDS per target on JOBS processes, the corpus kept in
# $(BUILD)/fuzz-corpus between campaigns.
# Then the long differential campaign (fuzz-differential).
FUZZ_SECONDS ?= 3600
fuzz: build
	RING3_BUILD=$(BUILD) JOBS=$(JOBS) bash tests/fuzz/run.sh campaign $(FUZZ_SECONDS)
	@$(MAKE) --no-print-directory fuzz-differential

# Damaged programs run through execve and through ring3-load, compared
# (tests/fuzz/differential.sh; docs/reliability.md): rounds of 4400
# mutants from DIFF_SEED on, for DIFF_SECONDS; mismatches not yet
# reported are kept in $(BUILD)/differential-findings.
DIFF_SECONDS ?= 600
DIFF_SEED ?= 1
fuzz-differential: build
	RING3_BUILD=$(BUILD) bash tests/fuzz/differential.sh $(DIFF_SEED) $(DIFF_SECONDS)

clean:
	rm -rf $(BUILD)
