// SPDX-License-Identifier: MIT
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QCommandLinkButton>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QVBoxLayout>

#include "core/filter/filterexpression.h"
#include "core/receiver/receiver.h"
#include "core/store/eventstore.h"
#include "ui/alerts/alertbanner.h"
#include "ui/alerts/alertnotifier.h"
#include "ui/events/eventtablemodel.h"
#include "ui/events/filterbar.h"
#include "ui/mainwindow.h"
#include "ui/settings/appsettings.h"
#include "ui/settings/settingsdialog.h"
#include "ui/shortcuts/shortcutsdialog.h"
#include "ui/sparkline/eventratemodel.h"
#include "ui/sparkline/sparklinewidget.h"
#include "ui/inspector/inspectorwidget.h"
#include "ui/theme/theme.h"
#include "ui/tray/trayicon.h"
#include "ui/welcome/demodata.h"
#include "ui/welcome/welcomedialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

Q_DECLARE_METATYPE(WelcomeDialog::Choice)

// Light, dark and system themes.
class tst_Theme final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void themeSwitchesPalette();
    void darkFilterBarStaysDark();
    void darkMenuShowsUncheckedBoxes();
    void rawViewerFollowsTheTheme();

private:
    QTemporaryDir m_dir;
};

void tst_Theme::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_theme"_s);
    QVERIFY(m_dir.isValid());
}

void tst_Theme::themeSwitchesPalette()
{
    Theme theme;
    const QPalette system = QApplication::palette();
    const QString systemStyle = QApplication::style()->name();
    QSignalSpy changed(&theme, &Theme::changed);

    theme.apply(ThemeMode::Dark);
    QCOMPARE(theme.mode(), ThemeMode::Dark);
    QVERIFY(theme.isDark());
    QCOMPARE(QApplication::palette().color(QPalette::Window),
             Theme::darkPalette().color(QPalette::Window));
    QCOMPARE(QApplication::style()->name().toLower(), u"fusion"_s);
    QWidget window; // new and existing widgets pick it up
    auto *widget = new QWidget(&window);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(Theme::isDark(widget->palette()));
    QCOMPARE(changed.last().first().toBool(), true);

    theme.apply(ThemeMode::Light);
    QVERIFY(!theme.isDark());
    QTRY_VERIFY(!Theme::isDark(window.palette())); // windows hear of it through the event loop
    QTRY_VERIFY(!Theme::isDark(widget->palette()));
    QCOMPARE(QApplication::palette().color(QPalette::Base), QColor(Qt::white));
    QCOMPARE(changed.last().first().toBool(), false);

    theme.apply(ThemeMode::System);
    QCOMPARE(QApplication::palette().color(QPalette::Window), system.color(QPalette::Window));
    QCOMPARE(QApplication::style()->name(), systemStyle);

    QCOMPARE(Theme::modeFromName(Theme::modeName(ThemeMode::Dark)), ThemeMode::Dark);
    QCOMPARE(Theme::modeFromName(u"LIGHT"_s), ThemeMode::Light);
    QCOMPARE(Theme::modeFromName(QString()), ThemeMode::System);
}

namespace {

// The lightness of a widget's pixels inside `area` (widget coordinates): the most common one.
int typicalLightness(QWidget *widget, const QRect &area)
{
    const QImage image = widget->grab().toImage();
    QHash<int, int> counts;
    for (int y = area.top(); y <= area.bottom(); ++y)
        for (int x = area.left(); x <= area.right(); ++x)
            ++counts[image.pixelColor(x, y).lightness()];
    int best = -1, bestCount = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        if (it.value() > bestCount)
            best = it.key(), bestCount = it.value();
    return best;
}

} // namespace

// The filter bar with text (valid, with a typo hint, or invalid) keeps the dark field, also
// when the theme changes after the text was set (the window restores its last filter before
// the theme from the settings is applied).
// The inspector's Raw view is QScintilla, whose lexer keeps colours of its own: it must
// follow the theme both ways, with JSON colours that stay readable on its paper.
void tst_Theme::rawViewerFollowsTheTheme()
{
    Theme theme;
    theme.apply(ThemeMode::Light);
    InspectorWidget inspector;
    inspector.show();
    QVERIFY(inspector.rawPaper().lightness() > 200);
    theme.apply(ThemeMode::Dark);
    QTRY_VERIFY2(inspector.rawPaper().lightness() < 80, qPrintable(inspector.rawPaper().name()));
    // Property names lighter than the paper, by a readable margin.
    QVERIFY(inspector.rawPropertyColour().lightness() - inspector.rawPaper().lightness() > 80);
    theme.apply(ThemeMode::Light);
    QTRY_VERIFY(inspector.rawPaper().lightness() > 200);
    QVERIFY(inspector.rawPaper().lightness() - inspector.rawPropertyColour().lightness() > 80);
}

void tst_Theme::darkFilterBarStaysDark()
{
    Theme theme;
    theme.apply(ThemeMode::Light);
    QWidget window;
    auto *bar = new FilterBar(&window);
    auto *layout = new QVBoxLayout(&window);
    layout->addWidget(bar);
    window.resize(600, 80);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    bar->setText(u"ticket:*"_s);
    bar->setText(u"\"open"_s);
    bar->setText(u"ticket:*"_s);
    theme.apply(ThemeMode::Dark);
    QCoreApplication::processEvents();
    QLineEdit *edit = bar->lineEdit();
    const QRect inside = edit->rect().adjusted(edit->width() / 2, 4, -30, -4); // right of text
    const int dark = typicalLightness(edit, inside);
    QVERIFY2(dark < 80, qPrintable(QString::number(dark)));
    for (const QString &text : { u"ticket:*"_s, u"tema:T1"_s, u"\"open"_s, u"team:T1"_s }) {
        QTest::keyClicks(edit, text.left(1));
        bar->setText(text);
        QCoreApplication::processEvents();
        const int lightness = typicalLightness(edit, inside);
        QVERIFY2(lightness < 80, qPrintable(text + u": "_s + QString::number(lightness)));
        const QColor textColor = edit->palette().color(QPalette::Text);
        QVERIFY(textColor.lightness() > 180);
    }
    QVERIFY(bar->errorText().isEmpty());

    // In error when the theme changes: the mark stays, on the new field colour.
    bar->setText(u"\"open"_s);
    QVERIFY(!bar->errorText().isEmpty());
    QVERIFY(bar->hasErrorMark());
    theme.apply(ThemeMode::Light);
    QCoreApplication::processEvents();
    QVERIFY2(typicalLightness(edit, inside) > 200,
             qPrintable(QString::number(typicalLightness(edit, inside))));
    theme.apply(ThemeMode::Dark);
    QCoreApplication::processEvents();
    QVERIFY2(typicalLightness(edit, inside) < 80,
             qPrintable(QString::number(typicalLightness(edit, inside))));
    bar->setText(u"ticket:*"_s);
    QVERIFY(!bar->hasErrorMark());
    QVERIFY2(typicalLightness(edit, inside) < 80,
             qPrintable(QString::number(typicalLightness(edit, inside))));
    theme.apply(ThemeMode::Light);
}

// The header's column menu: an unchecked column has a box one can see.
void tst_Theme::darkMenuShowsUncheckedBoxes()
{
    Theme theme;
    for (ThemeMode mode : { ThemeMode::Dark, ThemeMode::Light }) {
        theme.apply(mode);
        QMenu menu;
        QAction *on = menu.addAction(u"Time"_s);
        on->setCheckable(true);
        on->setChecked(true);
        QAction *off = menu.addAction(u"Actor"_s);
        off->setCheckable(true);
        off->setChecked(false);
        menu.ensurePolished();
        menu.adjustSize();
        const QImage image = menu.grab().toImage();
        const QRect row = menu.actionGeometry(off);
        // The menu's background, and the strongest contrast left of the label.
        const int background = image.pixelColor(row.right() - 4, row.center().y()).lightness();
        const int textStart = row.left() + menu.style()->pixelMetric(QStyle::PM_SmallIconSize) + 8;
        int contrast = 0;
        for (int y = row.top() + 1; y < row.bottom(); ++y)
            for (int x = row.left() + 1; x < textStart; ++x)
                contrast =
                        std::max(contrast, qAbs(image.pixelColor(x, y).lightness() - background));
        QVERIFY2(contrast >= 40,
                 qPrintable(Theme::modeName(mode) + u": "_s + QString::number(contrast)));
        // ...while the menu keeps its theme's background.
        QCOMPARE(background < 100, mode == ThemeMode::Dark);
    }
    theme.apply(ThemeMode::Light);
}

QTEST_MAIN(tst_Theme)
#include "tst_theme.moc"
