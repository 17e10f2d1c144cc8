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

// README pictures of the everyday features, written from demo data when
// $HOOKSCOPE_SCREENSHOT_DIR is set (a documentation tool; it skips otherwise).
class tst_Screenshots final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void screenshots();

private:
    QTemporaryDir m_dir;
};

void tst_Screenshots::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"HookscopeTests"_s);
    QCoreApplication::setApplicationName(u"tst_screenshots"_s);
    QVERIFY(m_dir.isValid());
}

// With $HOOKSCOPE_SCREENSHOT_DIR set, writes the README pictures of these features
// (welcome.png, alert.png, dark-theme.png, sparkline.png) from demo data.
void tst_Screenshots::screenshots()
{
    const QString out = qEnvironmentVariable("HOOKSCOPE_SCREENSHOT_DIR");
    if (out.isEmpty())
        QSKIP("set HOOKSCOPE_SCREENSHOT_DIR to write the screenshots");
    const auto save = [&out](const QPixmap &pixmap, const QString &name) {
        QVERIFY2(pixmap.save(out + u'/' + name), qPrintable(name));
    };

    {
        WelcomeDialog welcome(u"http://127.0.0.1:8787/"_s);
        welcome.show();
        QVERIFY(QTest::qWaitForWindowExposed(&welcome));
        welcome.adjustSize();
        save(welcome.grab(), u"welcome.png"_s);
    }

    // The monitor with demo data, and the sparkline where the window will show it.
    QTemporaryDir dir;
    EventStore store;
    QVERIFY(store.open(dir.path()));
    Receiver receiver(&store);
    ReceiverConfig config;
    config.port = 0;
    receiver.setConfig(config);
    QVERIFY(receiver.start());
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QList<Event> demo = DemoData::events(now);
    for (const Event &e : demo)
        store.submit(e);
    store.flush();

    QSettings().clear();
    MainWindow window(&store, &receiver, dir.path());
    EventRateModel rates;
    rates.addEvents(store.summaries());
    auto *sparkline = new SparklineWidget(&window);
    sparkline->setModel(&rates);
    auto *top = qobject_cast<QVBoxLayout *>(window.filterBar()->parentWidget()->layout());
    QVERIFY(top);
    top->insertWidget(1, sparkline);
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTableView *table = window.table();
    QTRY_COMPARE(table->model()->rowCount(), int(demo.size()));
    int escalation = -1;
    for (int r = 0; r < table->model()->rowCount(); ++r)
        if (table->model()
                    ->index(r, EventTableModel::SummaryColumn)
                    .data()
                    .toString()
                    .contains(u"Webhook deliveries arrive late (High"_s))
            escalation = r;
    QVERIFY(escalation >= 0);
    table->setCurrentIndex(table->model()->index(escalation, EventTableModel::SummaryColumn));
    QCoreApplication::processEvents();

    // sparkline.png: the top of the window, a few minutes selected as by a drag.
    {
        const QRect plot = sparkline->plotRect();
        const qreal step = qreal(plot.width()) / rates.minutes();
        const int y = plot.center().y();
        QTest::mousePress(sparkline, Qt::LeftButton, {}, QPoint(int(plot.left() + 37.5 * step), y));
        QTest::mouseMove(sparkline, QPoint(int(plot.left() + 40.5 * step), y));
        QTest::mouseRelease(sparkline, Qt::LeftButton, {},
                            QPoint(int(plot.left() + 40.5 * step), y));
        QVERIFY(sparkline->hasSelection());
        QEvent leave(QEvent::Leave); // the pointer moves on to the table
        QCoreApplication::sendEvent(sparkline, &leave);
        table->setFocus();
        QCoreApplication::processEvents();
        const QPixmap whole = window.grab();
        const int bottom = table->mapTo(&window, QPoint(0, 0)).y() + table->frameWidth()
                + table->horizontalHeader()->height()
                + 8 * table->verticalHeader()->defaultSectionSize() + 1;
        save(whole.copy(0, 0, whole.width() / int(whole.devicePixelRatio()), bottom),
             u"sparkline.png"_s);
        sparkline->clearSelection();
    }

    // alert.png: a rule matched; no tray offscreen, so the in-window banner shows it.
    {
        AlertNotifier notifier(&window, table);
        AlertRule rule;
        rule.name = u"Urgent tickets"_s;
        rule.filter = u"ticket:priority:changed payload.ticket.priorityName=Urgent"_s;
        const QModelIndex index = table->model()->index(escalation, 0);
        const std::optional<Event> event =
                store.event(index.data(EventTableModel::IdRole).toLongLong());
        QVERIFY(event);
        notifier.notify(rule, event->summary, 2);
        QVERIFY(notifier.banner()->isVisible());
        QCoreApplication::processEvents();
        save(window.grab(), u"alert.png"_s);
    }

    // dark-theme.png: the window in the dark theme with the settings dialog over it.
    {
        Theme theme;
        theme.apply(ThemeMode::Dark);
        AppSettings settings;
        settings.theme = ThemeMode::Dark;
        SettingsDialog dialog(settings, u"3q2-example-token"_s, &window);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTRY_VERIFY(Theme::isDark(window.palette()));
        QTRY_VERIFY(Theme::isDark(dialog.palette()));
        QCoreApplication::processEvents();
        QPixmap shot = window.grab();
        const QPixmap dialogShot = dialog.grab();
        QPainter p(&shot);
        const QSize size = dialogShot.deviceIndependentSize().toSize();
        const QPoint at((window.width() - size.width()) / 2, (window.height() - size.height()) / 2);
        for (int i = 8; i > 0; --i) // a soft shadow, as a window manager would draw
            p.fillRect(QRect(at + QPoint(i / 2, i), size), QColor(0, 0, 0, 10));
        p.drawPixmap(at, dialogShot);
        p.setPen(QColor(0x55, 0x55, 0x5a));
        p.drawRect(QRect(at, size).adjusted(-1, -1, 0, 0));
        p.end();
        save(shot, u"dark-theme.png"_s);
        dialog.close();
        theme.apply(ThemeMode::System);
    }
    window.close();
    QSettings().clear();
}

QTEST_MAIN(tst_Screenshots)
#include "tst_screenshots.moc"
