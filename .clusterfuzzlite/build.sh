#!/bin/bash -eu
# ClusterFuzzLite / OSS-Fuzz build of the fuzz targets. Compiles directly with the builder's
# $CXX, $CXXFLAGS (sanitizer and coverage flags) and $LIB_FUZZING_ENGINE, so the image needs
# no CMake 3.25 and none of the suite's other dependencies (CLI11, Asio): the codec and the
# fuzz targets use the standard library only. For each target it installs, in $OUT:
#   fuzz_<target>                    the fuzzer
#   fuzz_<target>.options            its libFuzzer settings (fuzz/<target>.options)
#   fuzz_<target>_seed_corpus.zip    the committed seed corpus (fuzz/corpus/<target>/)
#   stomp.dict                       the dictionary the options name
# $CXXFLAGS and $LIB_FUZZING_ENGINE hold several flags each: they are split on purpose.
# shellcheck disable=SC2086
cd "$SRC/stompcheck"
flags=(-std=c++20 -Icodec/include -I.)

objects=()
for src in codec/src/*.cpp fuzz/common.cpp fuzz/reference.cpp; do
  obj="$WORK/$(echo "${src%.cpp}" | tr / _).o"
  $CXX $CXXFLAGS "${flags[@]}" -c "$src" -o "$obj"
  objects+=("$obj")
done

for options in fuzz/*.options; do
  target=$(basename "$options" .options)
  extra=()
  if [[ $target == parse ]]; then extra=(fuzz/alloc_meter.cpp); fi
  $CXX $CXXFLAGS "${flags[@]}" "fuzz/$target.cpp" "${extra[@]}" "${objects[@]}" \
    $LIB_FUZZING_ENGINE -o "$OUT/fuzz_$target"
  cp "$options" "$OUT/fuzz_$target.options"
  (cd "fuzz/corpus/$target" && zip -q -r "$OUT/fuzz_${target}_seed_corpus.zip" .)
done
cp fuzz/stomp.dict "$OUT/stomp.dict"
