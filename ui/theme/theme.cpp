// SPDX-License-Identifier: MIT
#include "theme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleHints>

using namespace Qt::StringLiterals;

namespace Hookscope {

namespace {

const QString Fusion = u"Fusion"_s;

void setStyleNamed(const QString &name)
{
    if (QApplication::style()
        && QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0)
        return;
    if (QStyle *style = QStyleFactory::create(name))
        QApplication::setStyle(style); // the application takes ownership
}

} // namespace

Theme::Theme(QObject *parent)
    : QObject(parent),
      m_systemStyle(QApplication::style() ? QApplication::style()->name() : Fusion),
      m_systemPalette(QApplication::palette())
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    connect(QGuiApplication::styleHints(), &QStyleHints::colorSchemeChanged, this, [this] {
        if (m_mode == ThemeMode::System)
            applyNow();
    });
#endif
}

ThemeMode Theme::mode() const
{
    return m_mode;
}

void Theme::apply(ThemeMode mode)
{
    m_mode = mode;
    applyNow();
}

bool Theme::isDark() const
{
    return isDark(QApplication::palette());
}

bool Theme::systemPrefersDark() const
{
#if QT_VERSION >= QT_VERSION_CHECK(6, 5, 0)
    if (QGuiApplication::styleHints()->colorScheme() == Qt::ColorScheme::Dark)
        return true;
    if (QGuiApplication::styleHints()->colorScheme() == Qt::ColorScheme::Light)
        return false;
#endif
    // Qt 6.4 has no colour-scheme hint: the platform theme's palette is the best answer.
    return isDark(m_systemPalette);
}

void Theme::applyNow()
{
    switch (m_mode) {
    case ThemeMode::System:
        if (systemPrefersDark() && !isDark(m_systemPalette)) {
            // The desktop wants dark but the platform style only paints light.
            setStyleNamed(Fusion);
            QApplication::setPalette(darkPalette());
        } else {
            setStyleNamed(m_systemStyle);
            QApplication::setPalette(m_systemPalette);
        }
        break;
    case ThemeMode::Light:
        setStyleNamed(Fusion);
        QApplication::setPalette(lightPalette());
        break;
    case ThemeMode::Dark:
        setStyleNamed(Fusion);
        QApplication::setPalette(darkPalette());
        break;
    }
    // Menus: Fusion draws a check box's frame in the window colour made darker, which on the
    // dark palette is the menu's own colour, so an unchecked item (the table header's column
    // menu) showed no box at all. Menus get a window colour whose darker shade stands out.
    QPalette menus = QApplication::palette();
    if (isDark(menus))
        menus.setColor(QPalette::Window, menuWindowForDark());
    QApplication::setPalette(menus, "QMenu");
    Q_EMIT changed(isDark());
}

QColor Theme::menuWindowForDark()
{
    // Fusion's check box frame is window.darker(140).lighter(110): about #8c8c90 here, on the
    // menu's background (base, a little lighter), dark grey.
    return QColor(0xb4, 0xb4, 0xba);
}

bool Theme::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QPalette Theme::lightPalette()
{
    QPalette p;
    // Fusion's own light palette, spelled out so it does not depend on the platform theme.
    const QColor window(0xef, 0xef, 0xef);
    const QColor text(0x1e, 0x1e, 0x1e);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf5, 0xf5));
    p.setColor(QPalette::ToolTipBase, QColor(0xff, 0xff, 0xdc));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x76, 0x76, 0x76));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::white);
    p.setColor(QPalette::Light, Qt::white);
    p.setColor(QPalette::Midlight, QColor(0xca, 0xca, 0xca));
    p.setColor(QPalette::Mid, QColor(0xb8, 0xb8, 0xb8));
    p.setColor(QPalette::Dark, QColor(0x9f, 0x9f, 0x9f));
    p.setColor(QPalette::Shadow, QColor(0x76, 0x76, 0x76));
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x00, 0x5a, 0xb4));
    p.setColor(QPalette::LinkVisited, QColor(0x6a, 0x3d, 0x9a));
    const QColor disabled(0x9a, 0x9a, 0x9a);
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x91, 0x91, 0x91));
    return p;
}

QPalette Theme::darkPalette()
{
    QPalette p;
    const QColor window(0x2d, 0x2d, 0x30);
    const QColor text(0xe6, 0xe6, 0xe6);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1f));
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x27, 0x29));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3c, 0x40));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x96, 0x96, 0x9a));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3e));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x5a, 0x5a, 0x5f));
    p.setColor(QPalette::Midlight, QColor(0x4a, 0x4a, 0x4f));
    p.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x55));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1b));
    p.setColor(QPalette::Shadow, QColor(0x0a, 0x0a, 0x0a));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x8e, 0xe8));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb3, 0x9d, 0xf5));
    const QColor disabled(0x80, 0x80, 0x85);
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x50, 0x50, 0x55));
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(0x26, 0x26, 0x28));
    return p;
}

QString Theme::modeName(ThemeMode mode)
{
    switch (mode) {
    case ThemeMode::System:
        return u"system"_s;
    case ThemeMode::Light:
        return u"light"_s;
    case ThemeMode::Dark:
        return u"dark"_s;
    }
    return u"system"_s;
}

ThemeMode Theme::modeFromName(const QString &name)
{
    if (name.compare("light"_L1, Qt::CaseInsensitive) == 0)
        return ThemeMode::Light;
    if (name.compare("dark"_L1, Qt::CaseInsensitive) == 0)
        return ThemeMode::Dark;
    return ThemeMode::System;
}

} // namespace Hookscope
