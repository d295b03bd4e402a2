# Install rules, package config, build-tree export and pkg-config file.
include(CMakePackageConfigHelpers)

set(QUANTKIT_CMAKE_DIR "${CMAKE_INSTALL_DATADIR}/cmake/quantkit" CACHE STRING
    "Where quantkitConfig.cmake is installed (architecture-independent: under datadir)")

if(CMAKE_VERSION VERSION_GREATER_EQUAL 3.23)
  # The headers are the target's HEADERS file set (see CMakeLists.txt).
  install(TARGETS quantkit EXPORT quantkitTargets
          FILE_SET HEADERS DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
          FILES_MATCHING PATTERN "*.hpp")
  install(TARGETS quantkit EXPORT quantkitTargets)
endif()
install(EXPORT quantkitTargets NAMESPACE quantkit:: DESTINATION "${QUANTKIT_CMAKE_DIR}")
# Build-tree export: find_package(quantkit) works against a build directory too (fmt).
export(EXPORT quantkitTargets NAMESPACE quantkit::
       FILE "${PROJECT_BINARY_DIR}/quantkitTargets.cmake")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/quantkitConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/quantkitConfig.cmake" INSTALL_DESTINATION "${QUANTKIT_CMAKE_DIR}")
# SameMinorVersion until 1.0 (the API may still move between minor versions), then SameMajor.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/quantkitConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/quantkitConfig.cmake"
              "${PROJECT_BINARY_DIR}/quantkitConfigVersion.cmake"
        DESTINATION "${QUANTKIT_CMAKE_DIR}")

configure_file("${PROJECT_SOURCE_DIR}/cmake/quantkit.pc.in" "${PROJECT_BINARY_DIR}/quantkit.pc"
               @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/quantkit.pc" DESTINATION "${CMAKE_INSTALL_DATADIR}/pkgconfig")
