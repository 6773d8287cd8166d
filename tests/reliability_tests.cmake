# The reliability suite: crash soak, concurrent workers, database faults, hostile receivers,
# bad input and secrets. Included from tests/CMakeLists.txt after hookwatch_test().

# The short crash soak: 500 deliveries, 5 SIGKILLs; PostgreSQL too when HOOKWATCH_TEST_PG_URL
# is set. The documented run (5,000 deliveries, 30 kills) is in docs/RELIABILITY.md.
add_test(NAME crash_soak_short
    COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/soak/crash-soak.sh --deliveries 500 --kills 5 --max-seconds 50)
set_tests_properties(crash_soak_short PROPERTIES
    ENVIRONMENT "HOOKWATCH_BIN=$<TARGET_FILE:hookwatch>;RECEIVER_BIN=$<TARGET_FILE:hookwatch-test-receiver>"
    LABELS reliability
    TIMEOUT 120)

# Tests that drive the built binaries.
foreach(test tst_concurrency tst_dbfaults tst_hostilereceivers tst_badinput tst_secrets)
    hookwatch_test(${test} LABEL reliability TIMEOUT 300 NEEDS hookwatch hookwatch-test-receiver)
endforeach()
