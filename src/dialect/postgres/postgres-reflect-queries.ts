/**
 * The catalog queries of PostgreSQL reflection. Each reads one kind of
 * object for every selected relation at once (`= ANY(oids)`), so reflecting
 * 5 or 5,000 tables sends the same five queries. Identifiers come back as
 * text arrays (`::text`) because every driver parses `text[]`.
 */

/**
 * Relations (tables, partitioned tables and their partitions, views,
 * materialized views, foreign tables) of the given schemas, with their
 * comments and storage: persistence, storage parameters, a partitioned
 * table's key, a partition's parent and bound, and the parents a table
 * inherits from otherwise. Always returns at least
 * one row, carrying `current_schema()`, so the default schema costs no extra
 * query. Parameters: schema names (`text[]`), then whether to add the
 * default schema (`boolean`).
 */
export const RELATIONS_SQL = `
SELECT ds.default_schema, r.*
FROM (SELECT current_schema()::text AS default_schema) ds
LEFT JOIN (
  SELECT c.oid::text AS oid, n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS relkind,
         d.description AS comment, c.relpersistence::text AS persistence, c.reloptions::text[] AS parameters,
         CASE WHEN c.relkind = 'p' THEN pg_catalog.pg_get_partkeydef(c.oid) END AS partition_by,
         c.relispartition AS is_partition,
         CASE WHEN c.relispartition THEN pg_catalog.pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
         ARRAY(SELECT pn.nspname::text || '.' || pc.relname::text
                 FROM pg_catalog.pg_inherits inh
                 JOIN pg_catalog.pg_class pc ON pc.oid = inh.inhparent
                 JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
                WHERE inh.inhrelid = c.oid ORDER BY inh.inhseqno) AS parents
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_catalog.pg_description d
    ON d.objoid = c.oid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND (n.nspname = ANY(?::text[]) OR (? AND n.nspname = current_schema()))
) r ON true
ORDER BY r.schema, r.name`

/** Columns of the given relations (`oid[]`), in table order. */
export const COLUMNS_SQL = `
SELECT a.attrelid::text AS oid, a.attnum AS num, a.attname::text AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS native_type,
       (CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END)::text AS base_type_oid,
       t.typcategory = 'A' AS is_array,
       a.attnotnull AS not_null,
       pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) AS default_expr,
       a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       d.description AS comment,
       CASE WHEN a.attcollation <> t.typcollation THEN co.collname::text END AS collation,
       seq.name AS owned_sequence,
       seq.start::text AS seq_start, seq.increment::text AS seq_increment, seq.min::text AS seq_min,
       seq.max::text AS seq_max, seq.cache::text AS seq_cache, seq.cycle AS seq_cycle,
       pg_catalog.format_type(seq.type_oid, NULL) AS seq_type
FROM pg_catalog.pg_attribute a
-- Only a serial (a default) or an identity column can own a sequence: the lookup is skipped for the rest.
LEFT JOIN LATERAL (
  SELECT s.relname::text AS name, ps.seqstart AS start, ps.seqincrement AS increment, ps.seqmin AS min,
         ps.seqmax AS max, ps.seqcache AS cache, ps.seqcycle AS cycle, ps.seqtypid AS type_oid
    FROM pg_catalog.pg_depend dep
    JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
    JOIN pg_catalog.pg_sequence ps ON ps.seqrelid = s.oid
   WHERE (a.atthasdef OR a.attidentity <> '')
     AND dep.classid = 'pg_catalog.pg_class'::regclass
     AND dep.refclassid = 'pg_catalog.pg_class'::regclass
     AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
     AND dep.deptype IN ('a', 'i')
   LIMIT 1
) seq ON true
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = a.attrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = a.attnum
LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation
WHERE a.attrelid = ANY(?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attrelid, a.attnum`

/** Primary key, unique, foreign key, check and exclusion constraints of the given tables (`oid[]`). */
export const CONSTRAINTS_SQL = `
SELECT con.conrelid::text AS oid, con.conname::text AS name, con.contype::text AS type,
       ARRAY(SELECT (SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.conrelid AND a.attnum = k.num)
               FROM unnest(con.conkey) WITH ORDINALITY AS k(num, ord)
              ORDER BY k.ord) AS columns,
       fn.nspname::text AS referred_schema, fc.relname::text AS referred_table,
       ARRAY(SELECT (SELECT a.attname::text FROM pg_catalog.pg_attribute a WHERE a.attrelid = con.confrelid AND a.attnum = k.num)
               FROM unnest(con.confkey) WITH ORDINALITY AS k(num, ord)
              ORDER BY k.ord) AS referred_columns,
       con.confupdtype::text AS on_update, con.confdeltype::text AS on_delete, con.confmatchtype::text AS match,
       con.condeferrable AS deferrable, con.condeferred AS deferred, con.convalidated AS validated,
       CASE WHEN con.contype = 'c' THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) END AS check_expr,
       CASE WHEN con.contype = 'x' THEN pg_catalog.pg_get_constraintdef(con.oid, true) END AS definition
FROM pg_catalog.pg_constraint con
LEFT JOIN pg_catalog.pg_class fc ON fc.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = fc.relnamespace
JOIN pg_catalog.pg_class rel ON rel.oid = con.conrelid
WHERE con.conrelid = ANY(?::oid[]) AND con.contype IN ('p', 'u', 'f', 'c', 'x')
  -- A partition's copies of its parent's constraints belong to the parent.
  AND con.conparentid = 0 AND (con.conislocal OR NOT rel.relispartition)
ORDER BY con.conrelid, con.conname`

/**
 * Indexes of the given tables (`oid[]`) that do not back a primary key,
 * unique or exclusion constraint (those are reported as the constraints).
 * `elements` holds `pg_get_indexdef`'s text per expression element (empty
 * for a plain column), `keys` the column number per element (0 for an
 * expression).
 */
export const INDEXES_SQL = `
SELECT i.indrelid::text AS oid, ic.relname::text AS name, i.indisunique AS is_unique, am.amname::text AS method,
       (to_jsonb(i) ->> 'indnullsnotdistinct')::boolean AS nulls_not_distinct,
       i.indnkeyatts AS key_count,
       -- Deparsing is costly; plain columns are named from the columns query instead.
       ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ELSE '' END
               FROM generate_series(1, i.indnatts) AS k ORDER BY k) AS elements,
       ARRAY(SELECT k.num::int FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(num, ord) ORDER BY k.ord) AS keys,
       ARRAY(SELECT (SELECT CASE WHEN opc.opcdefault THEN '' ELSE opc.opcname::text END
                       FROM pg_catalog.pg_opclass opc WHERE opc.oid = k.opc_oid)
               FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS k(opc_oid, ord)
              ORDER BY k.ord) AS opclasses,
       ARRAY(SELECT k.opt::int FROM unnest(i.indoption::int2[]) WITH ORDINALITY AS k(opt, ord) ORDER BY k.ord) AS options,
       pg_catalog.pg_indexam_has_property(am.oid, 'can_order') AS can_order,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       d.description AS comment
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
LEFT JOIN pg_catalog.pg_description d
  ON d.objoid = i.indexrelid AND d.classoid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
WHERE i.indrelid = ANY(?::oid[])
  -- A partition's copy of a partitioned index belongs to the parent's index.
  AND NOT ic.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                   WHERE con.conrelid = i.indrelid AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
ORDER BY i.indrelid, ic.relname`

/**
 * Enum types living in the given schemas (`text[]`, plus the default schema
 * when the boolean is true) or used by the given tables' columns (`oid[]`),
 * with their labels in order.
 */
export const ENUMS_SQL = `
SELECT t.oid::text AS oid, n.nspname::text AS schema, t.typname::text AS name,
       ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e'
  AND (n.nspname = ANY(?::text[]) OR (? AND n.nspname = current_schema())
       OR t.oid IN (SELECT CASE WHEN ty.typcategory = 'A' THEN ty.typelem ELSE ty.oid END
                      FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type ty ON ty.oid = a.atttypid
                     WHERE a.attrelid = ANY(?::oid[]) AND a.attnum > 0 AND NOT a.attisdropped))
ORDER BY n.nspname, t.typname`
