-- Makes iris.parquet from iris.csv with DuckDB (1.4.4), so that the parquet example reads a file that another
-- Parquet implementation wrote. Run from this folder: duckdb < iris.parquet.sql
-- The id column is not a feature: the pipeline lists its features, so the parquet source never reads it.
COPY (
    SELECT row_number() OVER () AS id, sepal_length, sepal_width, petal_length, petal_width, species
    FROM read_csv('iris.csv', header = true)
    ORDER BY id
) TO 'iris.parquet' (FORMAT PARQUET);
