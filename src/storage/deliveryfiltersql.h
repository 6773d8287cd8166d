#pragma once

#include "deliveryfilter.h"

#include <QString>

class SqlStatement;

// A DeliveryFilter as SQL on the deliveries table: its WHERE clause with named placeholders,
// the values for them, and its ORDER BY.
namespace DeliveryFilterSql {

// " WHERE …", or empty when the filter takes every delivery.
QString where(const DeliveryFilter &f);
// Binds the values where() left placeholders for.
void bind(SqlStatement &q, const DeliveryFilter &f);
// " ORDER BY …", ties broken by id in the same direction.
QString orderBy(const DeliveryFilter &f);

} // namespace DeliveryFilterSql
