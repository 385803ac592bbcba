# The two commands a new user runs: `make demo` and `make test`.
BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
DB ?= ./data
LISTEN ?= 127.0.0.1:50051
DOSSIER := $(BUILD_DIR)/cli/dossier

.PHONY: all deps configure build test sanitize demo bench fuzz format clean

all: build

deps:
	@bash deploy/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 900

# The whole suite again under AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer, in a
# build directory of its own (-O1: the sanitizers' usual trade of speed for readable reports).
sanitize: deps
	cmake -S . -B $(BUILD_DIR)-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DDOSSIER_SANITIZE=ON -DDOSSIER_BUILD_BENCH=OFF
	cmake --build $(BUILD_DIR)-sanitize -j $(JOBS)
	cd $(BUILD_DIR)-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) --timeout 1800

# Each libFuzzer target (letter parser, CSV reader) for longer than the suite's smoke run (clang).
FUZZ_SECONDS ?= 600
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run_fuzzers.sh $(CURDIR) $(BUILD_DIR)-fuzz

demo: build
	@bash deploy/demo.sh $(DOSSIER) $(DB) $(LISTEN)

# Only what bench/run.sh runs: a Release build from scratch is most of `make bench`'s time.
BENCH_TARGETS := dossier dossier_bench_gen dossier_bench dossier_bench_concurrency \
                 dossier_bench_grpc_floor dossier_bench_import

bench: deps
	cmake -S . -B $(BUILD_DIR)-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DDOSSIER_BUILD_TESTS=OFF
	cmake --build $(BUILD_DIR)-release -j $(JOBS) --target $(BENCH_TARGETS)
	@bash bench/run.sh $(BUILD_DIR)-release

format:
	git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD_DIR) $(BUILD_DIR)-release $(BUILD_DIR)-sanitize $(BUILD_DIR)-fuzz
