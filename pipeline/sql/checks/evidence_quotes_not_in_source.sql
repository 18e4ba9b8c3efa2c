-- fails: an evidence quote that is not the source text between its offsets (code points)
-- returns: the evidence row and what the source holds there
-- the text is staged in pieces (chunk_start, chunk_size code points each), so a quote is read from the pieces it spans:
-- a substring of the whole text would walk it from the start for every quote (quadratic in a long article)
-- each piece is compared with its part of the quote, and a quote whose length is not its span's fails: no
-- aggregate of every quote's text (an ordered string_agg does not spill: it ran out of DuckDB's 512 MB at 100,000 articles)
-- scope: new_evidence, the rows of the sources this build loaded (05-model.ts scopeChecks): a quote and its text are per source
WITH numbered AS (
  SELECT *, row_number() OVER () AS row_no FROM new_evidence
),
wanted AS (
  SELECT e.row_no, e.source_id, e.char_start, e.char_end, e.quote, s.chunk_size,
    unnest(range(e.char_start // s.chunk_size, (e.char_end + s.chunk_size - 1) // s.chunk_size)) * s.chunk_size AS chunk_start
  FROM numbered AS e
  JOIN (SELECT source_id, any_value(chunk_size) AS chunk_size FROM source_texts GROUP BY source_id) AS s USING (source_id)
),
parts AS (
  SELECT w.row_no, w.chunk_start, t.text IS NULL AS missing,
    greatest(w.char_start, w.chunk_start) AS part_start,
    least(w.char_end, w.chunk_start + w.chunk_size) - greatest(w.char_start, w.chunk_start) AS part_size,
    t.text, w.quote, w.char_start
  FROM wanted AS w
  LEFT JOIN source_texts AS t ON t.source_id = w.source_id AND t.chunk_start = w.chunk_start
),
bad AS (
  SELECT row_no FROM parts
  WHERE missing
     OR substring(text, part_start - chunk_start + 1, part_size) IS DISTINCT FROM substring(quote, part_start - char_start + 1, part_size)
  UNION
  SELECT row_no FROM numbered WHERE quote IS NULL OR length(quote) IS DISTINCT FROM char_end - char_start OR row_no NOT IN (SELECT row_no FROM wanted)
),
slices AS (
  -- what the source holds there, for the offending rows only
  SELECT p.row_no, string_agg(substring(p.text, p.part_start - p.chunk_start + 1, p.part_size), '' ORDER BY p.chunk_start) AS source_slice
  FROM parts AS p SEMI JOIN bad USING (row_no)
  GROUP BY p.row_no
)
SELECT e.evidence_id AS record_id, e.quote, s.source_slice
FROM numbered AS e
SEMI JOIN bad USING (row_no)
LEFT JOIN slices AS s USING (row_no)
ORDER BY e.row_no
