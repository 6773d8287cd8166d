#pragma once

#include "delivery.h"

#include <QIcon>

// The application icon and Launchpad's four delivery icons, from the resources.
namespace Icons {
QIcon application();
QIcon status(Delivery::Display display);
} // namespace Icons
