// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPalette>
#include <QString>

namespace Hookscope {

enum class ThemeMode { System, Light, Dark };

// Light, dark, or whatever the desktop uses. Light and dark are Fusion with our palettes, so
// they look the same everywhere; "system" goes back to the platform's own style and palette
// captured when the Theme was created (create it right after the QApplication). With Qt 6.5+
// a desktop that says it prefers dark gets the dark palette even where the platform style
// does not provide one, and changes of the desktop setting are followed while in this mode.
class Theme final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Theme)

public:
    explicit Theme(QObject *parent = nullptr);

    ThemeMode mode() const;
    void apply(ThemeMode mode);
    // The palette in force now is a dark one.
    bool isDark() const;

    static bool isDark(const QPalette &palette);
    static QPalette darkPalette();
    static QPalette lightPalette();
    // The window colour menus get under a dark palette (so Fusion's check boxes show).
    static QColor menuWindowForDark();
    // "system" / "light" / "dark", for settings files.
    static QString modeName(ThemeMode mode);
    static ThemeMode modeFromName(const QString &name);

Q_SIGNALS:
    void changed(bool dark);

private:
    void applyNow();
    bool systemPrefersDark() const;

    ThemeMode m_mode = ThemeMode::System;
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace Hookscope
