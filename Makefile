# Convenience front end to the Meson build. See README.md.
BUILD ?= build

.PHONY: all deps build run test bench docs clean install deb deb-check

all: build

deps:
	@scripts/deps.sh

build: deps
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) >/dev/null
	@ninja -C $(BUILD) >/dev/null || ninja -C $(BUILD)

run: build
	@$(BUILD)/tools/irqmap $(ARGS)

test: deps
	@scripts/test.sh

# Benchmarks: a release build, every figure of docs/performance.md.
bench: deps
	@[ -f build-release/build.ninja ] || meson setup build-release -Dbuildtype=release -Dtests=false >/dev/null
	@ninja -C build-release >/dev/null || ninja -C build-release
	@build-release/bench/irqmap-bench --dt-dir ../shared/dt

# Every interrupt of the board trees of Debian's arm64 and armhf kernel
# packages, downloaded with apt-get into build-boards/ (docs/device-tree.md).
.PHONY: boards
boards: build
	@scripts/boards.sh $(BUILD)/tools/irqmap

# Diagrams (Graphviz) and the HTML API reference (Doxygen), when installed.
docs:
	@scripts/docs.sh $(BUILD)/docs

# Into /usr/local (as root), where Debian's pkg-config and dynamic loader
# look; runs ldconfig. DESTDIR=DIR stages the files instead.
install: build
	@scripts/install.sh $(BUILD)

# Debian packages (debian/), built with dpkg-buildpackage in build-deb/ from
# a copy of the tree; the .debs are left in build-deb/. The build
# dependencies are installed with apt-get as root (otherwise the command is
# printed). The test suite is make test's: DEB_BUILD_OPTIONS= runs it too.
DEB_BUILD_OPTIONS ?= nocheck
deb:
	@DEB_BUILD_OPTIONS="$(DEB_BUILD_OPTIONS)" scripts/deb.sh build

# make deb, then lintian, the packages' contents, and an example built with
# pkg-config alone against libirqmap-dev installed by dpkg (docs/packaging.md).
deb-check: deb
	@scripts/deb.sh check

clean:
	rm -rf build build-asan build-tsan build-release build-boards build-deb

# Fuzzing (docs/reliability.md): the libFuzzer targets of fuzz/, built with
# clang, ASan and UBSan in build-fuzz, each run for FUZZ_SECONDS in one job.
FUZZ_SECONDS ?= 60

.PHONY: fuzz stress
fuzz: deps
	@scripts/fuzz.sh available || { echo "fuzz: clang's libFuzzer runtime is missing (clang, libclang-rt-14-dev)" >&2; exit 1; }
	@scripts/fuzz.sh build
	@for t in $$(scripts/fuzz.sh targets); do scripts/fuzz.sh run $$t $(FUZZ_SECONDS) || exit 1; done

# The mixed-operation stress test, long, under ThreadSanitizer (build-tsan,
# as configured by the test command).
STRESS_OPS ?= 100000

stress: deps
	@[ -f build-tsan/build.ninja ] || meson setup build-tsan -Db_sanitize=thread -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null
	@ninja -C build-tsan tests/reliability/test-stress-mix >/dev/null || ninja -C build-tsan tests/reliability/test-stress-mix
	@TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/tsan.supp" \
		IRQMAP_STRESS_OPS=$(STRESS_OPS) IRQMAP_NR_IRQS=65536 build-tsan/tests/reliability/test-stress-mix

# `make clean` removes the fuzz build too (not the fuzz/corpus-* corpora).
.PHONY: clean-fuzz
clean: clean-fuzz
clean-fuzz:
	rm -rf build-fuzz
