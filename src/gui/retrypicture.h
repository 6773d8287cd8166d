#pragma once

#include "retrypicturedata.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

// A delivery's retry schedule as a picture: the retry window as an axis, the attempts made
// coloured by outcome, the next attempt highlighted with its countdown, the attempts still to
// come, and where the window ends. What it draws is worked out by RetryPictureData.
class RetryPicture final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RetryPicture)

public:
    explicit RetryPicture(QWidget *parent = nullptr);

    // `countdown`: the next attempt counts down (a delivery); off for a schedule's preview.
    void setData(const RetryPictureData &data, bool countdown = true);
    const RetryPictureData &data() const { return m_data; }
    // "Next attempt in 4 minutes", or empty when none is due.
    QString nextText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    RetryPictureData m_data;
    bool m_countdown = true;
    QElapsedTimer m_since; // since setData(): the countdown moves on without new data
    QTimer m_tick;
};
