#!/usr/bin/env bash
# The whole test suite: installs missing build dependencies, then
#   1. a normal build (-Werror) and every CTest test,
#   2. the same suite built with AddressSanitizer + UndefinedBehaviorSanitizer,
#   3. each libFuzzer target for a short run (FUZZ_SECONDS, default 30) on its corpus.
# Usage: scripts/test.sh [--quick]   (--quick runs step 1 only)
# A failing step does not stop the later ones (one run shows every failure); the exit
# status is nonzero when any step failed, and the failed steps are listed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
jobs=$(nproc 2>/dev/null || echo 2)

failed=()

step_normal() {
  cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null &&
    cmake --build build -j"$jobs" &&
    ctest --test-dir build --output-on-failure -j"$jobs"
}

step_sanitizers() {
  cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DMI_SANITIZE=ON >/dev/null &&
    cmake --build build-asan -j"$jobs" &&
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --test-dir build-asan --output-on-failure -j"$jobs"
}

step_fuzz() {
  CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMI_FUZZ=ON \
    -DMI_BUILD_TESTS=OFF >/dev/null &&
    cmake --build build-fuzz -j"$jobs" &&
    bash fuzz/run.sh build-fuzz "${FUZZ_SECONDS:-30}"
}

echo "== build and test (RelWithDebInfo)"
step_normal || failed+=("build and test")
if [ "${1:-}" != "--quick" ]; then
  echo "== build and test with ASan+UBSan"
  step_sanitizers || failed+=("ASan+UBSan build and test")
  echo "== fuzz targets (${FUZZ_SECONDS:-30} s each)"
  step_fuzz || failed+=("fuzz targets")
fi
if [ ${#failed[@]} -gt 0 ]; then
  printf '== FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "== all test steps passed"
