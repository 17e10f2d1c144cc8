// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArrayView>
#include <QString>

class QIODevice;

// The last step of every export format: getting the bytes onto the output. A short write is
// retried until all is written; a file's own buffer is flushed at the end, so a full disk is
// noticed there and not after the export said it was done.
namespace Hookscope::DeviceIo {

// Writes all of `data`; false (with the device's error in *error) when the device refuses.
bool writeAll(QIODevice *device, QByteArrayView data, QString *error);
// After the last write: false when the device is gone or a file cannot flush its buffer.
bool finish(QIODevice *device, QString *error);

} // namespace Hookscope::DeviceIo
