# quantkit_dev_settings: warnings (and optional sanitizers) for quantkit's own tests, examples and
# benchmarks. Never linked by the quantkit target itself and never installed (taskflow's idea), so
# nothing here leaks into a consumer's build.
add_library(quantkit_dev_settings INTERFACE)
if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  target_compile_options(quantkit_dev_settings INTERFACE
    -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Wshadow -Wnon-virtual-dtor
    -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion
    -Wformat=2 -Wimplicit-fallthrough)
  if(QUANTKIT_WARNINGS_AS_ERRORS)
    target_compile_options(quantkit_dev_settings INTERFACE -Werror)
  endif()
  if(QUANTKIT_SANITIZE)
    target_compile_options(quantkit_dev_settings INTERFACE
      -fsanitize=${QUANTKIT_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    target_link_options(quantkit_dev_settings INTERFACE -fsanitize=${QUANTKIT_SANITIZE})
  endif()
elseif(MSVC)
  target_compile_options(quantkit_dev_settings INTERFACE /W4 /permissive- /bigobj)
  if(QUANTKIT_WARNINGS_AS_ERRORS)
    target_compile_options(quantkit_dev_settings INTERFACE /WX)
  endif()
endif()
