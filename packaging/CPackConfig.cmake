# SPDX-License-Identifier: MIT
# Desktop integration and packages (.deb with computed dependencies, .tar.gz).
include(GNUInstallDirs)

if(HOOKSCOPE_BUILD_GUI)
    set(_linux ${CMAKE_CURRENT_LIST_DIR}/linux)
    install(FILES ${_linux}/dev.hookscope.Hookscope.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
    install(FILES ${_linux}/dev.hookscope.Hookscope.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
    install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/hookscope.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME dev.hookscope.Hookscope.svg)
    foreach(size 16 32 48 64 128 256)
        install(FILES ${CMAKE_CURRENT_LIST_DIR}/icons/hookscope-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME dev.hookscope.Hookscope.png)
    endforeach()
    # Man pages are installed compressed, as Debian policy asks.
    set(_man ${CMAKE_CURRENT_BINARY_DIR}/hookscope.1.gz)
    add_custom_command(OUTPUT ${_man}
        COMMAND gzip -9n -c ${_linux}/hookscope.1 > ${_man}
        DEPENDS ${_linux}/hookscope.1 VERBATIM)
    add_custom_target(hookscope-manpage ALL DEPENDS ${_man})
    install(FILES ${_man} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
    install(FILES ${_linux}/hookscope.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME hookscope)
endif()

# Debian wants the copyright and a compressed changelog in /usr/share/doc/<package>.
set(_changelog ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz)
add_custom_command(OUTPUT ${_changelog}
    COMMAND gzip -9n -c ${CMAKE_CURRENT_LIST_DIR}/linux/changelog > ${_changelog}
    DEPENDS ${CMAKE_CURRENT_LIST_DIR}/linux/changelog VERBATIM)
add_custom_target(hookscope-changelog ALL DEPENDS ${_changelog})
install(FILES ${_changelog} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/linux/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_PACKAGE_NAME hookscope)
set(CPACK_PACKAGE_VENDOR "The Hookscope authors")
set(CPACK_PACKAGE_CONTACT "Hookscope maintainers <maintainers@hookscope.dev>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Receive, store and watch Thena webhook events")
set(CPACK_PACKAGE_DESCRIPTION "Hookscope runs a local webhook receiver for Thena platform events,\nstores every delivery durably in SQLite and shows it live in a\nfilterable table with a payload inspector and CSV / JSON Lines\nexport. A command-line mode does the same without a window.")
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGE_INSTALL_DIRECTORY Hookscope)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB TGZ)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Plugins are loaded at run time, so shlibdeps cannot see them.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libqt6sql6-sqlite, qt6-qpa-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "gnome-keyring | kwalletmanager")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})

# Windows and macOS: kept in the tree, untested here (see packaging/README.md).
set(CPACK_NSIS_DISPLAY_NAME Hookscope)
set(CPACK_NSIS_PACKAGE_NAME Hookscope)
set(CPACK_NSIS_MUI_ICON ${CMAKE_CURRENT_LIST_DIR}/icons/hookscope.ico)
set(CPACK_NSIS_CREATE_ICONS_EXTRA "CreateShortCut '$SMPROGRAMS\\\\$STARTMENU_FOLDER\\\\Hookscope.lnk' '$INSTDIR\\\\bin\\\\hookscope.exe'")
set(CPACK_DMG_VOLUME_NAME Hookscope)
set(CPACK_BUNDLE_NAME Hookscope)

include(CPack)
