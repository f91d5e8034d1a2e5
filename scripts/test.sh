#!/usr/bin/env bash
# The whole test suite: installs missing build dependencies, then
#   1. a normal build (-Werror) and every CTest test,
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer,
#   3. each libFuzzer target for a short run (FUZZ_SECONDS, default 30) on its corpus.
# Usage: scripts/test.sh [--quick]   (--quick runs step 1 only)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

echo "== build and test (RelWithDebInfo)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

[ "${1:-}" = "--quick" ] && exit 0

echo "== build and test with ASan+UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMI_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== fuzz targets (${FUZZ_SECONDS:-30} s each)"
CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMI_FUZZ=ON \
  -DMI_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j"$jobs"
bash fuzz/run.sh build-fuzz "${FUZZ_SECONDS:-30}"
echo "== all test steps passed"
