# The window's tests: models against real stores, widgets under the offscreen platform.
# Included from tests/CMakeLists.txt.
foreach(test tst_deliveryhistorymodel tst_tablemodels tst_webhookdialog tst_mainwindow tst_translations
        tst_tableviews tst_deliverydetailview tst_historyview
        tst_historysearchbar tst_retrypicture tst_testeventdialog tst_signatureworkbench
        tst_summarydialog)
    hookwatch_test(${test} LABEL gui TIMEOUT 120 LIBS hookwatch_gui)
endforeach()
