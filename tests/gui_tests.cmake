# The window's tests: models against real stores, widgets under the offscreen platform.
# Included from tests/CMakeLists.txt.
function(hookwatch_gui_test name)
    add_executable(${name} ${name}.cpp)
    target_include_directories(${name} PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
    target_link_libraries(${name} PRIVATE hookwatch_options hookwatch_gui hookwatch_testsupport Qt6::Test Qt6::Sql)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "QT_QPA_PLATFORM=offscreen" TIMEOUT 300)
endfunction()

hookwatch_gui_test(tst_deliveryhistorymodel)
hookwatch_gui_test(tst_tablemodels)
hookwatch_gui_test(tst_webhookdialog)
hookwatch_gui_test(tst_mainwindow)
hookwatch_gui_test(tst_translations)
hookwatch_gui_test(tst_tableviews)
hookwatch_gui_test(tst_deliverydetailview)
# The window's store thread: switching, pausing, opening and closing with attempts in flight.
hookwatch_test(tst_storeservice hookwatch_service)
