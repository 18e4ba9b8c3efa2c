-- fails: an evidence quote that is not the source text between its offsets (code points)
-- returns: the evidence row and what the source holds there
-- the text is staged in pieces (chunk_start, chunk_size code points each), so a quote is read from the pieces it spans:
-- a substring of the whole text would walk it from the start for every quote (quadratic in a long article)
-- scope: new_evidence, the rows of the sources this build loaded (05-model.ts scopeChecks): a quote and its text are per source
WITH numbered AS (
  SELECT *, row_number() OVER () AS row_no FROM new_evidence
),
wanted AS (
  SELECT e.row_no, e.source_id, e.char_start, e.char_end, s.chunk_size,
    unnest(range(e.char_start // s.chunk_size, (e.char_end + s.chunk_size - 1) // s.chunk_size)) * s.chunk_size AS chunk_start
  FROM numbered AS e
  JOIN (SELECT source_id, any_value(chunk_size) AS chunk_size FROM source_texts GROUP BY source_id) AS s USING (source_id)
),
slices AS (
  SELECT w.row_no,
    string_agg(
      substring(t.text, greatest(w.char_start - w.chunk_start, 0) + 1, least(w.char_end, w.chunk_start + w.chunk_size) - greatest(w.char_start, w.chunk_start)),
      '' ORDER BY w.chunk_start
    ) AS source_slice
  FROM wanted AS w
  LEFT JOIN source_texts AS t ON t.source_id = w.source_id AND t.chunk_start = w.chunk_start
  GROUP BY w.row_no
)
SELECT e.evidence_id AS record_id, e.quote, s.source_slice
FROM numbered AS e
LEFT JOIN slices AS s USING (row_no)
WHERE s.source_slice IS NULL OR s.source_slice IS DISTINCT FROM e.quote
ORDER BY e.row_no
