# Runs one packaging scenario (cmake -P). Inputs:
#   MODE           install | subdir | fetchcontent | copy
#   SOURCE_DIR     quantkit source tree
#   WORK_DIR       scratch directory (wiped first)
#   CXX_COMPILER   compiler to use for the consumer
#   GENERATOR      CMake generator
#   EIGEN_INCLUDE, BOOST_INCLUDE   include directories (copy mode only)
# Each scenario builds tests/packaging/consumer/main.cpp, runs it and expects "quantkit-ok".
cmake_minimum_required(VERSION 3.21)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

function(run_step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "step failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

set(_common -G "${GENERATOR}" -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=Release
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)

if(MODE STREQUAL "install")
  # Configure quantkit on its own (no tests), install into a private prefix, then consume it.
  run_step(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/qk-build" ${_common}
           -DQUANTKIT_BUILD_TESTS=OFF -DQUANTKIT_BUILD_EXAMPLES=OFF
           "-DCMAKE_INSTALL_PREFIX=${WORK_DIR}/prefix")
  run_step(${CMAKE_COMMAND} --install "${WORK_DIR}/qk-build")
  foreach(_f include/quantkit/quantkit.hpp include/quantkit/version.hpp
             share/cmake/quantkit/quantkitConfig.cmake
             share/cmake/quantkit/quantkitConfigVersion.cmake
             share/cmake/quantkit/quantkitTargets.cmake share/pkgconfig/quantkit.pc)
    if(NOT EXISTS "${WORK_DIR}/prefix/${_f}")
      message(FATAL_ERROR "install is missing ${_f}")
    endif()
  endforeach()
  run_step(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/packaging/install_consumer"
           -B "${WORK_DIR}/consumer" ${_common} "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix")
  run_step(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer")
  set(_exe "${WORK_DIR}/consumer/consumer")
elseif(MODE STREQUAL "subdir" OR MODE STREQUAL "fetchcontent")
  set(_fc OFF)
  if(MODE STREQUAL "fetchcontent")
    set(_fc ON)
  endif()
  run_step(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/packaging/subdir_consumer"
           -B "${WORK_DIR}/consumer" ${_common} "-DQUANTKIT_SOURCE_DIR=${SOURCE_DIR}"
           -DQUANTKIT_CONSUMER_USE_FETCHCONTENT=${_fc})
  run_step(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer")
  set(_exe "${WORK_DIR}/consumer/consumer")
elseif(MODE STREQUAL "copy")
  # "Copy include/quantkit into your tree": only Eigen and Boost on the include path, no CMake.
  file(COPY "${SOURCE_DIR}/include/quantkit" DESTINATION "${WORK_DIR}/vendor")
  set(_deps)
  foreach(_dir IN ITEMS "${EIGEN_INCLUDE}" "${BOOST_INCLUDE}")
    # The compiler's own system directories must not be repeated (breaks #include_next).
    if(NOT _dir STREQUAL "/usr/include" AND NOT _dir STREQUAL "/usr/local/include")
      list(APPEND _deps -isystem "${_dir}")
    endif()
  endforeach()
  run_step(${CXX_COMPILER} -std=c++20 -O1 -Wall -Wextra -Werror -I "${WORK_DIR}/vendor" ${_deps}
           "${SOURCE_DIR}/tests/packaging/consumer/main.cpp" -o "${WORK_DIR}/consumer" -pthread)
  set(_exe "${WORK_DIR}/consumer")
else()
  message(FATAL_ERROR "unknown MODE '${MODE}'")
endif()

run_step("${_exe}")
if(NOT step_output MATCHES "quantkit-ok")
  message(FATAL_ERROR "consumer did not print quantkit-ok: ${step_output}")
endif()
message(STATUS "${MODE}: ${step_output}")
