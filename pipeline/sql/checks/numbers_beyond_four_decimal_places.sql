-- fails: a staged amount, bound or figure with more than 4 places after the point, which DECIMAL(38,4) would round
-- returns: the record's table, id and source, the column and the value as staged
-- scope: new_staged, the records of the sources this build loaded (05-model.ts scopeChecks)
SELECT _table AS record_table, coalesce(funding_id, metric_id, mention_id) AS record_id, _source_id AS source_id, "column", staged
FROM (
  UNPIVOT (SELECT _table, _source_id, funding_id, metric_id, mention_id, amount, amount_low, amount_high, amount_usd, value, value_low, value_high, number_value
           FROM new_staged WHERE _table IN ('funding', 'metrics', 'mentions'))
  ON amount, amount_low, amount_high, amount_usd, value, value_low, value_high, number_value
  INTO NAME "column" VALUE staged
)
WHERE CAST(CAST(staged AS DECIMAL(38,4)) AS DOUBLE) <> staged
ORDER BY record_table, record_id, "column"
