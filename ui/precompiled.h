// SPDX-License-Identifier: MIT
// The headers most GUI sources include, precompiled once per library (see core/precompiled.h).
#pragma once

#include "core/precompiled.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QBoxLayout>
#include <QCheckBox>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QTableView>
#include <QTreeView>
#include <QWidget>
