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
#include "ui/theme/theme.h"
#include "ui/tray/trayicon.h"
#include "ui/welcome/demodata.h"
#include "ui/welcome/welcomedialog.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

Q_DECLARE_METATYPE(WelcomeDialog::Choice)

// AppSettings (load, save, clamping; never the secret) and the Settings dialog.
class tst_Settings final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void settingsRoundTripWithoutSecret();
    void windowStateRoundTrip();
    void settingsLoadClampsAndDefaults();
    void settingsDialogReceiverPage();
    void settingsDialogKeepsUntouchedValues();

private:
    QTemporaryDir m_dir;
};

void tst_Settings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_settings"_s);
    QVERIFY(m_dir.isValid());
}

void tst_Settings::settingsRoundTripWithoutSecret()
{
    const QString path = m_dir.filePath(u"settings.ini"_s);
    AppSettings s;
    s.bindAddress = u"0.0.0.0"_s;
    s.port = 9123;
    s.maxBodyBytes = 5 * 1024 * 1024 + 7;
    s.maxHeaderBytes = 32 * 1024;
    s.maxConnections = 40;
    s.idleTimeoutMs = 15'000;
    s.retention = 250'000;
    s.theme = ThemeMode::Dark;

    const QString secret = u"tok_never_in_settings_3f9a"_s;
    SettingsDialog dialog(s, secret);
    QCOMPARE(dialog.settings(), s); // nothing edited: exactly what came in
    QCOMPARE(dialog.secret(), secret);
    QVERIFY(!dialog.secretChanged());
    {
        QSettings settings(path, QSettings::IniFormat);
        dialog.settings().save(settings);
    }
    QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(AppSettings::load(settings), s);
    for (const QString &key : settings.allKeys())
        QVERIFY2(!key.contains(u"secret"_s, Qt::CaseInsensitive)
                         && !key.contains(u"token"_s, Qt::CaseInsensitive),
                 qPrintable(key));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains(secret.toUtf8()));

    const ReceiverConfig config = s.receiverConfig(secret);
    QCOMPARE(config.port, quint16(9123));
    QCOMPARE(config.address, QHostAddress(QHostAddress::AnyIPv4));
    QCOMPARE(config.secret, secret);
    QCOMPARE(config.limits.request.maxBodyBytes, s.maxBodyBytes);
    QCOMPARE(config.limits.maxConnections, 40);
    AppSettings back = AppSettings::fromReceiverConfig(config);
    back.retention = s.retention;
    back.theme = s.theme;
    QCOMPARE(back, s);
}

void tst_Settings::settingsLoadClampsAndDefaults()
{
    QSettings empty(m_dir.filePath(u"empty.ini"_s), QSettings::IniFormat);
    QCOMPARE(AppSettings::load(empty), AppSettings{});
    QVERIFY(AppSettings{}.isLoopbackOnly());

    QSettings odd(m_dir.filePath(u"odd.ini"_s), QSettings::IniFormat);
    odd.setValue(u"settings/receiver/bind"_s, u"not an address"_s);
    odd.setValue(u"settings/receiver/port"_s, 70000);
    odd.setValue(u"settings/limits/maxConnections"_s, 0);
    odd.setValue(u"settings/appearance/theme"_s, u"purple"_s);
    const AppSettings s = AppSettings::load(odd);
    QCOMPARE(s.bindAddress, u"127.0.0.1"_s);
    QCOMPARE(s.port, quint16(65535));
    QCOMPARE(s.maxConnections, 1);
    QCOMPARE(s.theme, ThemeMode::System);
}

void tst_Settings::settingsDialogReceiverPage()
{
    SettingsDialog dialog(AppSettings{}, QString());
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QCOMPARE(dialog.currentPage(), SettingsDialog::Page::Receiver);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.bindWarning()->isVisible());

    // A network address: warned, and OK only once confirmed.
    dialog.bindBox()->setEditText(u"0.0.0.0"_s);
    QVERIFY(dialog.bindWarning()->isVisible());
    QVERIFY2(dialog.bindWarning()->text().contains(u"port 8787"_s),
             qPrintable(dialog.bindWarning()->text()));
    QVERIFY(dialog.bindWarning()->text().contains(u"secret token"_s));
    QVERIFY(!dialog.okButton()->isEnabled());
    dialog.allowRemoteBox()->setChecked(true);
    QVERIFY(dialog.okButton()->isEnabled());

    // Not an address at all.
    dialog.bindBox()->setEditText(u"localhost:80"_s);
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(dialog.problem().contains(u"not an IP address"_s));
    dialog.bindBox()->setEditText(u"::1"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.bindWarning()->isVisible());

    // The secret: masked, Show reveals it, Generate makes a fresh one.
    QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Password);
    dialog.showSecretButton()->click();
    QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Normal);
    dialog.showSecretButton()->click();
    QCOMPARE(dialog.secretEdit()->echoMode(), QLineEdit::Password);
    dialog.generateSecretButton()->click();
    const QString generated = dialog.secret();
    QVERIFY(generated.size() >= 24);
    QVERIFY(dialog.secretChanged());
    dialog.generateSecretButton()->click();
    QVERIFY(dialog.secret() != generated);

    dialog.portBox()->setValue(0);
    QCOMPARE(dialog.portBox()->text(), u"Any free port"_s);
    QCOMPARE(dialog.settings().port, quint16(0));
    QCOMPARE(dialog.settings().bindAddress, u"::1"_s);

    dialog.setCurrentPage(SettingsDialog::Page::Appearance);
    QCOMPARE(dialog.currentPage(), SettingsDialog::Page::Appearance);
    dialog.themeButton(ThemeMode::Dark)->click();
    QCOMPARE(dialog.settings().theme, ThemeMode::Dark);
}

void tst_Settings::settingsDialogKeepsUntouchedValues()
{
    AppSettings s;
    s.maxBodyBytes = 5000; // e.g. from --max-body: not a whole MiB
    s.idleTimeoutMs = 1500;
    SettingsDialog dialog(s, u"abc"_s);
    QCOMPARE(dialog.settings().maxBodyBytes, 5000);
    QCOMPARE(dialog.settings().idleTimeoutMs, 1500);
    dialog.maxBodyBox()->setValue(20);
    QCOMPARE(dialog.settings().maxBodyBytes, 20 * 1024 * 1024);
    dialog.retentionBox()->setValue(5000);
    dialog.connectionsBox()->setValue(12);
    QCOMPARE(dialog.settings().retention, 5000);
    QCOMPARE(dialog.settings().maxConnections, 12);

    // Restore defaults resets everything but the secret.
    dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::RestoreDefaults)->click();
    AppSettings expected;
    expected.maxBodyBytes = 10 * 1024 * 1024;
    QCOMPARE(dialog.settings().retention, expected.retention);
    QCOMPARE(dialog.settings().maxBodyBytes, expected.maxBodyBytes);
    QCOMPARE(dialog.secret(), u"abc"_s);
}

// The main window's state goes through WindowState, under the keys it always used (a
// saved layout from an older version still loads).
void tst_Settings::windowStateRoundTrip()
{
    const QString path = m_dir.filePath(u"window.ini"_s);
    WindowState state;
    state.geometry = "geometry-bytes";
    state.dockState = "dock-bytes";
    state.splitter = "splitter-bytes";
    state.tableHeader = "header-bytes";
    state.followNewest = false;
    state.recentFilters = { u"ticket:*"_s, u"team:T1"_s };
    state.lastFilter = u"ticket:*"_s;
    {
        QSettings settings(path, QSettings::IniFormat);
        state.save(settings);
    }
    QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(WindowState::load(settings), state);
    QCOMPARE(settings.value(u"table/follow"_s).toBool(), false);
    QCOMPARE(settings.value(u"filter/last"_s).toString(), u"ticket:*"_s);
    // Nothing saved yet: the defaults.
    QSettings empty(m_dir.filePath(u"empty.ini"_s), QSettings::IniFormat);
    QCOMPARE(WindowState::load(empty), WindowState{});
}

QTEST_MAIN(tst_Settings)
#include "tst_settings.moc"
