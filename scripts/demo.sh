#!/usr/bin/env bash
# The main job, end to end on a fresh Debian 12 machine: installs what is missing,
# builds libmi and the `mi` tool, compiles the whole DMTF CIM schema (read in place
# from ../shared) and shows one class with its inherited members.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
schema=${MI_SCHEMA:-../shared/data/cim-schema/2.49.0/cim_schema_2.49.0.mof}
mi=build/tools/mi/mi
echo "\$ mi mofcomp --check $schema"
"$mi" mofcomp --check "$schema"
echo
echo "\$ mi gc root/cimv2 CIM_ComputerSystem --mof $schema"
"$mi" gc root/cimv2 CIM_ComputerSystem --mof "$schema"
