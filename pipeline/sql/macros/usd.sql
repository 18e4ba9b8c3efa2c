-- usd(amount, micro): an amount in US dollars at a rate of micro / 1e6 units per dollar (fx_rates.micro), in 128-bit integers:
-- the amount rounded to the cent, times 1e6, divided by micro, rounded half away from zero to the cent, as DECIMAL(38,4) like every amount; null without an amount or a rate
CREATE OR REPLACE TEMP MACRO usd(amount, micro) AS
  CASE WHEN amount IS NULL OR micro IS NULL THEN NULL
  ELSE CAST(CAST(sign(amount)::HUGEINT * ((abs(round(amount * 100))::HUGEINT * 2000000 + micro) // (2 * micro)) AS DECIMAL(38,0)) * 0.01 AS DECIMAL(38,4))
  END
