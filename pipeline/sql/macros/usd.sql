-- usd(amount, micro): an amount in US dollars at a rate of micro / 1e6 units per dollar (fx_rates.micro), in 128-bit integers:
-- the amount rounded to the cent, times 1e6, divided by micro, rounded half away from zero to the cent; null without an amount or a rate
CREATE OR REPLACE TEMP MACRO usd(amount, micro) AS
  CASE WHEN amount IS NULL OR micro IS NULL THEN NULL
  ELSE (sign(amount)::HUGEINT * ((abs(round(amount * 100))::HUGEINT * 2000000 + micro) // (2 * micro)))::DOUBLE / 100
  END
