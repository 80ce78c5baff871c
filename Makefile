# Convenience front end to the Meson build. See README.md.
BUILD ?= build

.PHONY: all deps build run test clean install

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

install: build
	meson install -C $(BUILD)

clean:
	rm -rf build build-asan build-tsan
