-- fails: an evidence quote that is not the source text between its offsets (code points)
-- returns: the evidence row and what the source holds there
SELECT e.evidence_id AS record_id, e.quote, substring(t.text, e.char_start + 1, e.char_end - e.char_start) AS source_slice
FROM evidence AS e
LEFT JOIN source_texts AS t USING (source_id)
WHERE t.text IS NULL OR substring(t.text, e.char_start + 1, e.char_end - e.char_start) IS DISTINCT FROM e.quote
