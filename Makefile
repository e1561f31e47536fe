# ring3: the two commands.
#   make demo   install what is missing, build, run the readfile demo
#   make test   install what is missing, build, run the whole suite (ctest)
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: all demo test setup build bench clean
all: build

setup:
	@bash scripts/setup.sh $(EXTRA_PACKAGES)

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@bash scripts/demo.sh $(BUILD)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# The peers the benchmarks compare against, from Debian's packages.
BENCH_PACKAGES = musl-tools:/usr/bin/musl-gcc hyperfine:/usr/bin/hyperfine \
  busybox:/bin/busybox libfmt-dev:/usr/include/fmt/format.h time:/usr/bin/time

bench: build
	@bash scripts/setup.sh $(BENCH_PACKAGES)
	@bash bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD)
