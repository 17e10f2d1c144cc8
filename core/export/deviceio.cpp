// SPDX-License-Identifier: MIT
#include "deviceio.h"

#include <QFileDevice>

using namespace Qt::StringLiterals;

namespace Hookscope::DeviceIo {

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
