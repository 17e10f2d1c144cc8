// SPDX-License-Identifier: MIT
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTest>
#include <QTreeWidget>

#include "wizard/eventpicker.h"

using namespace Qt::StringLiterals;
using namespace Hookscope;

// The event picker as a user sees it: a short tree, scrolled, with custom objects added.
class tst_EventPicker final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newCustomObjectIsShownAndSelected();
};

namespace {

// Whether all of the item's row is inside the tree's viewport.
bool fullyVisible(QTreeWidget *tree, QTreeWidgetItem *item)
{
    const QRect rect = tree->visualItemRect(item);
    return rect.isValid() && tree->viewport()->rect().contains(rect);
}

} // namespace

void tst_EventPicker::newCustomObjectIsShownAndSelected()
{
    EventPicker picker;
    picker.resize(420, 240); // a few rows of a long tree
    picker.show();
    QVERIFY(QTest::qWaitForWindowExposed(&picker));
    QTreeWidget *tree = picker.tree();
    // A pattern from the JSON keeps "Other (from the JSON)" last, below the new objects.
    picker.setSelectedEvents({ u"ticket:*"_s });
    QVERIFY(picker.otherBranch());
    tree->scrollToTop();
    QVERIFY(tree->verticalScrollBar()->maximum() > 0);

    for (const QString &name : { u"deal"_s, u"invoice"_s }) {
        picker.objectNameEdit()->setText(name);
        picker.addObjectButton()->click();
        QTreeWidgetItem *branch = picker.customObjectBranch(name);
        QVERIFY(branch);
        QApplication::processEvents(); // let any pending layout or scrolling happen
        QVERIFY2(fullyVisible(tree, branch), qPrintable(name));
        QVERIFY2(fullyVisible(tree, branch->child(0)), qPrintable(name));
        QCOMPARE(tree->currentItem(), branch);
        QCOMPARE(tree->selectedItems(), QList<QTreeWidgetItem *>{ branch });
        tree->scrollToTop(); // the next one starts from far away again
    }
}

QTEST_MAIN(tst_EventPicker)
#include "tst_eventpicker.moc"
