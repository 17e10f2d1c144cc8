# SPDX-License-Identifier: MIT
# hookscope-desktop: the everyday-use features around the monitor (alerts, tray, sparkline,
# welcome + demo data, shortcuts sheet, settings, theme). Widgets over hookscope-core; it does
# not depend on hookscope-ui, so the main window can use it without a cycle.
qt_add_library(hookscope-desktop STATIC
    alerts/alertbanner.cpp alerts/alertbanner.h
    alerts/alertnotifier.cpp alerts/alertnotifier.h
    alerts/alertrulesdialog.cpp alerts/alertrulesdialog.h
    sparkline/eventratemodel.cpp sparkline/eventratemodel.h
    sparkline/sparklinewidget.cpp sparkline/sparklinewidget.h
    welcome/demodata.cpp welcome/demodata.h
    welcome/welcomedialog.cpp welcome/welcomedialog.h
    shortcuts/shortcutsdialog.cpp shortcuts/shortcutsdialog.h
    settings/appsettings.cpp settings/appsettings.h
    settings/settingsdialog.cpp settings/settingsdialog.h
    theme/theme.cpp theme/theme.h
    tray/trayicon.cpp tray/trayicon.h)
target_include_directories(hookscope-desktop PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(hookscope-desktop
    PUBLIC hookscope-core Qt6::Widgets
    PRIVATE hookscope_strict)

# Sample bodies for "Open demo data" (copies of tests/fixtures, so the app never reads from
# the test tree).
qt_add_resources(hookscope-desktop "hookscope_demo"
    PREFIX "/hookscope/demo"
    BASE "${CMAKE_CURRENT_LIST_DIR}/welcome/demo"
    FILES
        welcome/demo/installation-app-installation.json
        welcome/demo/legacy-request-created.json
        welcome/demo/legacy-request-updated.json
        welcome/demo/platform-account-updated.json
        welcome/demo/platform-custom-object-deal-field-changed.json
        welcome/demo/platform-ticket-comment-created.json
        welcome/demo/platform-ticket-created.json
        welcome/demo/platform-ticket-priority-changed.json)
