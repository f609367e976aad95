-- The PostgreSQL catalogue the gateway shows clients (psql, pgjdbc, psqlODBC, Npgsql, Power BI):
-- one in-memory DuckDB per served snapshot, built from gw_namespace, gw_relation, gw_column and gw_type,
-- which the gateway fills from the snapshot's DuckDB catalogue. OIDs of types are PostgreSQL's own;
-- schemas and relations get stable OIDs from 16384 up, like user objects in PostgreSQL.
-- Tables only the client's start-up or psql's \d ask about exist with their columns and no rows.
-- Statements are separated by a line holding only ';'.

CREATE TABLE pg_namespace AS
SELECT 2615::BIGINT AS tableoid, oid, nspname, 10::BIGINT AS nspowner, ['nyckeltal=U/nyckeltal', '=U/nyckeltal']::VARCHAR[] AS nspacl FROM gw_namespace
;
CREATE TABLE pg_proc AS
SELECT 1255::BIGINT AS tableoid, 1000 + row_number() OVER (ORDER BY typreceive)::BIGINT AS oid, typreceive AS proname, 11::BIGINT AS pronamespace,
       10::BIGINT AS proowner, 12::BIGINT AS prolang, 'f' AS prokind, false AS proisagg, false AS proiswindow,
       false AS proretset, oid AS prorettype, '' AS proargtypes, 0 AS pronargs, NULL::BIGINT[] AS proallargtypes,
       NULL::VARCHAR[] AS proargmodes, NULL::VARCHAR[] AS proargnames, NULL::VARCHAR AS proargdefaults,
       typreceive AS prosrc, NULL::VARCHAR[] AS proconfig, NULL::VARCHAR[] AS proacl
FROM (SELECT DISTINCT ON (typreceive) typreceive, oid FROM gw_type)
;
CREATE TABLE pg_type AS
SELECT 1247::BIGINT AS tableoid, oid, typname, 11::BIGINT AS typnamespace, 10::BIGINT AS typowner, typlen::SMALLINT AS typlen,
       typlen IN (1, 2, 4, 8) AS typbyval, typtype, typcategory, false AS typispreferred, true AS typisdefined,
       ',' AS typdelim, 0::BIGINT AS typrelid, 0::BIGINT AS typsubscript, typelem, typarray,
       CASE WHEN typelem <> 0 THEN 'array_in' ELSE typname || 'in' END AS typinput,
       CASE WHEN typelem <> 0 THEN 'array_out' ELSE typname || 'out' END AS typoutput,
       -- regproc: the receive function's OID, so Npgsql's "JOIN pg_proc ON proc.oid = typ.typreceive" finds it
       (SELECT first(p.oid) FROM pg_proc p WHERE p.proname = gw_type.typreceive) AS typreceive,
       CASE WHEN typelem <> 0 THEN 'array_send' ELSE typname || 'send' END AS typsend,
       '-' AS typmodin, '-' AS typmodout, '-' AS typanalyze,
       CASE WHEN typlen = 8 THEN 'd' WHEN typlen IN (4, -1) THEN 'i' WHEN typlen = 2 THEN 's' ELSE 'c' END AS typalign,
       CASE WHEN typlen = -1 THEN 'x' ELSE 'p' END AS typstorage,
       false AS typnotnull, 0::BIGINT AS typbasetype, -1 AS typtypmod, 0 AS typndims,
       CASE WHEN typname IN ('text', 'varchar', 'bpchar', 'name') THEN 100 ELSE 0 END::BIGINT AS typcollation,
       NULL::VARCHAR AS typdefaultbin, NULL::VARCHAR AS typdefault, NULL::VARCHAR[] AS typacl
FROM gw_type
;
CREATE TABLE pg_class AS
SELECT 1259::BIGINT AS tableoid, r.oid, r.relname, r.relnamespace, 0::BIGINT AS reltype, 0::BIGINT AS reloftype, 10::BIGINT AS relowner,
       CASE WHEN r.relkind = 'r' THEN 2 ELSE 0 END::BIGINT AS relam, r.oid AS relfilenode, 0::BIGINT AS reltablespace,
       0 AS relpages, -1.0::REAL AS reltuples, 0 AS relallvisible, 0::BIGINT AS reltoastrelid, false AS relhasindex,
       false AS relisshared, 'p' AS relpersistence, r.relkind,
       (SELECT count(*) FROM gw_column c WHERE c.attrelid = r.oid)::SMALLINT AS relnatts,
       0::SMALLINT AS relchecks, r.relkind = 'v' AS relhasrules, false AS relhastriggers, false AS relhassubclass,
       false AS relrowsecurity, false AS relforcerowsecurity, true AS relispopulated, 'd' AS relreplident,
       false AS relispartition, 0::BIGINT AS relrewrite, 0::BIGINT AS relfrozenxid, 0::BIGINT AS relminmxid,
       -- read-only: owner and PUBLIC may SELECT (r), nothing else (pgjdbc's getTablePrivileges, psql's \dp read it)
       ['nyckeltal=r/nyckeltal', '=r/nyckeltal']::VARCHAR[] AS relacl, NULL::VARCHAR[] AS reloptions, NULL::VARCHAR AS relpartbound
FROM gw_relation r
;
CREATE TABLE pg_attribute AS
SELECT c.attrelid, c.attname, c.atttypid, -1 AS attstattarget, t.typlen::SMALLINT AS attlen, c.attnum::SMALLINT AS attnum,
       CASE WHEN t.typtype = 'b' AND t.typelem <> 0 THEN 1 ELSE 0 END AS attndims, -1 AS attcacheoff, c.atttypmod,
       t.typlen IN (1, 2, 4, 8) AS attbyval,
       CASE WHEN t.typlen = 8 THEN 'd' WHEN t.typlen IN (4, -1) THEN 'i' WHEN t.typlen = 2 THEN 's' ELSE 'c' END AS attalign,
       CASE WHEN t.typlen = -1 THEN 'x' ELSE 'p' END AS attstorage, '' AS attcompression, c.attnotnull,
       false AS atthasdef, false AS atthasmissing, '' AS attidentity, '' AS attgenerated, false AS attisdropped,
       true AS attislocal, 0 AS attinhcount,
       CASE WHEN t.typname IN ('text', 'varchar', 'bpchar', 'name') THEN 100 ELSE 0 END::BIGINT AS attcollation,
       NULL::VARCHAR[] AS attacl, NULL::VARCHAR[] AS attoptions, NULL::VARCHAR[] AS attfdwoptions, NULL::VARCHAR AS attmissingval
FROM gw_column c JOIN gw_type t ON t.oid = c.atttypid
;
CREATE TABLE pg_description AS
SELECT oid AS objoid, 1259::BIGINT AS classoid, 0 AS objsubid, comment AS description FROM gw_relation WHERE comment IS NOT NULL
UNION ALL
SELECT attrelid, 1259::BIGINT, attnum, comment FROM gw_column WHERE comment IS NOT NULL
UNION ALL
SELECT oid, 2615::BIGINT, 0, comment FROM gw_namespace WHERE comment IS NOT NULL
;
CREATE TABLE pg_database AS
SELECT 16383::BIGINT AS oid, current_database_name AS datname, 10::BIGINT AS datdba, 6 AS encoding, 'c' AS datlocprovider,
       false AS datistemplate, true AS datallowconn, -1 AS datconnlimit, 0::BIGINT AS datfrozenxid, 0::BIGINT AS datminmxid,
       1663::BIGINT AS dattablespace, 'C.UTF-8' AS datcollate, 'C.UTF-8' AS datctype, NULL::VARCHAR AS daticulocale,
       NULL::VARCHAR AS datcollversion, ['=c/nyckeltal', 'nyckeltal=c/nyckeltal']::VARCHAR[] AS datacl
FROM gw_settings
;
CREATE TABLE pg_roles AS
SELECT role_name AS rolname, false AS rolsuper, true AS rolinherit, false AS rolcreaterole, false AS rolcreatedb,
       true AS rolcanlogin, false AS rolreplication, -1 AS rolconnlimit, '********' AS rolpassword,
       NULL::TIMESTAMPTZ AS rolvaliduntil, false AS rolbypassrls, NULL::VARCHAR AS rolconfig, 10::BIGINT AS oid
FROM gw_settings
;
CREATE VIEW pg_user AS
SELECT rolname AS usename, oid AS usesysid, rolcreatedb AS usecreatedb, rolsuper AS usesuper, false AS userepl,
       false AS usebypassrls, rolpassword AS passwd, rolvaliduntil AS valuntil, rolconfig AS useconfig
FROM pg_roles
;
CREATE TABLE pg_am AS
SELECT * FROM (VALUES (2::BIGINT, 'heap', 'heap_tableam_handler', 't'), (403::BIGINT, 'btree', 'bthandler', 'i'))
    AS am(oid, amname, amhandler, amtype)
;
CREATE TABLE pg_settings AS
SELECT name, setting, NULL::VARCHAR AS unit, 'Client Connection Defaults' AS category, '' AS short_desc,
       NULL::VARCHAR AS extra_desc, 'user' AS context, 'string' AS vartype, 'default' AS source,
       NULL::VARCHAR AS min_val, NULL::VARCHAR AS max_val, NULL::VARCHAR AS enumvals, setting AS boot_val,
       setting AS reset_val, NULL::VARCHAR AS sourcefile, NULL::INTEGER AS sourceline, false AS pending_restart
FROM gw_setting
;
CREATE VIEW pg_tables AS
SELECT n.nspname AS schemaname, c.relname AS tablename, 'nyckeltal' AS tableowner, NULL::VARCHAR AS tablespace,
       false AS hasindexes, false AS hasrules, false AS hastriggers, false AS rowsecurity
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'
;
CREATE VIEW pg_views AS
SELECT n.nspname AS schemaname, r.relname AS viewname, 'nyckeltal' AS viewowner, r.definition
FROM gw_relation r JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.relkind = 'v'
;
CREATE VIEW pg_matviews AS
SELECT NULL::VARCHAR AS schemaname, NULL::VARCHAR AS matviewname, NULL::VARCHAR AS matviewowner,
       NULL::VARCHAR AS tablespace, false AS hasindexes, true AS ispopulated, NULL::VARCHAR AS definition
WHERE false
;
CREATE VIEW pg_indexes AS
SELECT NULL::VARCHAR AS schemaname, NULL::VARCHAR AS tablename, NULL::VARCHAR AS indexname,
       NULL::VARCHAR AS tablespace, NULL::VARCHAR AS indexdef
WHERE false
;
CREATE TABLE pg_range (rngtypid BIGINT, rngsubtype BIGINT, rngmultitypid BIGINT, rngcollation BIGINT,
    rngsubopc BIGINT, rngcanonical VARCHAR, rngsubdiff VARCHAR)
;
CREATE TABLE pg_enum (oid BIGINT, enumtypid BIGINT, enumsortorder REAL, enumlabel VARCHAR)
;
CREATE TABLE pg_index (indexrelid BIGINT, indrelid BIGINT, indnatts SMALLINT, indnkeyatts SMALLINT, indisunique BOOLEAN,
    indnullsnotdistinct BOOLEAN, indisprimary BOOLEAN, indisexclusion BOOLEAN, indimmediate BOOLEAN, indisclustered BOOLEAN,
    indisvalid BOOLEAN, indcheckxmin BOOLEAN, indisready BOOLEAN, indislive BOOLEAN, indisreplident BOOLEAN,
    indkey SMALLINT[], indcollation BIGINT[], indclass BIGINT[], indoption SMALLINT[], indexprs VARCHAR, indpred VARCHAR)
;
CREATE TABLE pg_constraint (tableoid BIGINT, oid BIGINT, conname VARCHAR, connamespace BIGINT, contype VARCHAR, condeferrable BOOLEAN,
    condeferred BOOLEAN, convalidated BOOLEAN, conrelid BIGINT, contypid BIGINT, conindid BIGINT, conparentid BIGINT,
    confrelid BIGINT, confupdtype VARCHAR, confdeltype VARCHAR, confmatchtype VARCHAR, conislocal BOOLEAN,
    coninhcount INTEGER, connoinherit BOOLEAN, conkey SMALLINT[], confkey SMALLINT[], conpfeqop BIGINT[],
    conppeqop BIGINT[], conffeqop BIGINT[], confdelsetcols SMALLINT[], conexclop BIGINT[], conbin VARCHAR)
;
CREATE TABLE pg_attrdef (oid BIGINT, adrelid BIGINT, adnum SMALLINT, adbin VARCHAR)
;
CREATE TABLE pg_collation AS
SELECT * FROM (VALUES (100::BIGINT, 'default', 11::BIGINT, 10::BIGINT, 'd', true, -1, NULL::VARCHAR, NULL::VARCHAR,
    NULL::VARCHAR, NULL::VARCHAR, NULL::VARCHAR))
    AS c(oid, collname, collnamespace, collowner, collprovider, collisdeterministic, collencoding, collcollate,
         collctype, colliculocale, collicurules, collversion)
;
CREATE TABLE pg_inherits (inhrelid BIGINT, inhparent BIGINT, inhseqno INTEGER, inhdetachpending BOOLEAN)
;
CREATE TABLE pg_policy (oid BIGINT, polname VARCHAR, polrelid BIGINT, polcmd VARCHAR, polpermissive BOOLEAN,
    polroles BIGINT[], polqual VARCHAR, polwithcheck VARCHAR)
;
CREATE TABLE pg_statistic_ext (oid BIGINT, stxrelid BIGINT, stxname VARCHAR, stxnamespace BIGINT, stxowner BIGINT,
    stxstattarget INTEGER, stxkeys SMALLINT[], stxkind VARCHAR[], stxexprs VARCHAR)
;
CREATE TABLE pg_publication (oid BIGINT, pubname VARCHAR, pubowner BIGINT, puballtables BOOLEAN, pubinsert BOOLEAN,
    pubupdate BOOLEAN, pubdelete BOOLEAN, pubtruncate BOOLEAN, pubviaroot BOOLEAN)
;
CREATE TABLE pg_publication_namespace (oid BIGINT, pnpubid BIGINT, pnnspid BIGINT)
;
CREATE TABLE pg_publication_rel (oid BIGINT, prpubid BIGINT, prrelid BIGINT, prqual VARCHAR, prattrs SMALLINT[])
;
CREATE TABLE pg_trigger (tableoid BIGINT, oid BIGINT, tgrelid BIGINT, tgparentid BIGINT, tgname VARCHAR, tgfoid BIGINT, tgtype SMALLINT,
    tgenabled VARCHAR, tgisinternal BOOLEAN, tgconstrrelid BIGINT, tgconstrindid BIGINT, tgconstraint BIGINT,
    tgdeferrable BOOLEAN, tginitdeferred BOOLEAN, tgnargs SMALLINT, tgattr SMALLINT[], tgargs VARCHAR, tgqual VARCHAR,
    tgoldtable VARCHAR, tgnewtable VARCHAR)
;
CREATE TABLE pg_rewrite (tableoid BIGINT, oid BIGINT, rulename VARCHAR, ev_class BIGINT, ev_type VARCHAR, ev_enabled VARCHAR,
    is_instead BOOLEAN, ev_qual VARCHAR, ev_action VARCHAR)
;
CREATE TABLE pg_depend (classid BIGINT, objid BIGINT, objsubid INTEGER, refclassid BIGINT, refobjid BIGINT,
    refobjsubid INTEGER, deptype VARCHAR)
;
CREATE TABLE pg_tablespace AS
SELECT * FROM (VALUES (1663::BIGINT, 'pg_default', 10::BIGINT, NULL::VARCHAR[], NULL::VARCHAR[]))
    AS t(oid, spcname, spcowner, spcacl, spcoptions)
;
CREATE TABLE pg_extension (oid BIGINT, extname VARCHAR, extowner BIGINT, extnamespace BIGINT, extrelocatable BOOLEAN,
    extversion VARCHAR, extconfig BIGINT[], extcondition VARCHAR[])
;
CREATE TABLE pg_sequence (seqrelid BIGINT, seqtypid BIGINT, seqstart BIGINT, seqincrement BIGINT, seqmax BIGINT,
    seqmin BIGINT, seqcache BIGINT, seqcycle BOOLEAN)
;
CREATE TABLE pg_foreign_table (ftrelid BIGINT, ftserver BIGINT, ftoptions VARCHAR[])
;
CREATE TABLE pg_partitioned_table (partrelid BIGINT, partstrat VARCHAR, partnatts SMALLINT, partdefid BIGINT,
    partattrs SMALLINT[], partclass BIGINT[], partcollation BIGINT[], partexprs VARCHAR)
;
CREATE TABLE pg_event_trigger (oid BIGINT, evtname VARCHAR, evtevent VARCHAR, evtowner BIGINT, evtfoid BIGINT,
    evtenabled VARCHAR, evttags VARCHAR[])
;
CREATE TABLE pg_cast (oid BIGINT, castsource BIGINT, casttarget BIGINT, castfunc BIGINT, castcontext VARCHAR,
    castmethod VARCHAR)
;
CREATE TABLE pg_operator (tableoid BIGINT, oid BIGINT, oprname VARCHAR, oprnamespace BIGINT, oprowner BIGINT, oprkind VARCHAR,
    oprleft BIGINT, oprright BIGINT, oprresult BIGINT, oprcode VARCHAR)
;
CREATE TABLE pg_language AS
SELECT * FROM (VALUES (12::BIGINT, 'internal', 10::BIGINT, false, false)) AS l(oid, lanname, lanowner, lanispl, lanpltrusted)
;
CREATE TABLE pg_aggregate (aggfnoid BIGINT, aggkind VARCHAR)
;
CREATE TABLE pg_shdescription (objoid BIGINT, classoid BIGINT, description VARCHAR)
;
CREATE TABLE pg_opclass (tableoid BIGINT, oid BIGINT, opcmethod BIGINT, opcname VARCHAR, opcnamespace BIGINT,
    opcowner BIGINT, opcfamily BIGINT, opcintype BIGINT, opcdefault BOOLEAN, opckeytype BIGINT)
;
CREATE TABLE pg_opfamily (tableoid BIGINT, oid BIGINT, opfmethod BIGINT, opfname VARCHAR, opfnamespace BIGINT,
    opfowner BIGINT)
;
CREATE TABLE pg_conversion (tableoid BIGINT, oid BIGINT, conname VARCHAR, connamespace BIGINT, conowner BIGINT,
    conforencoding INTEGER, contoencoding INTEGER, conproc VARCHAR, condefault BOOLEAN)
;
-- one role, member of nothing (psql's \du asks)
CREATE TABLE pg_auth_members (oid BIGINT, roleid BIGINT, member BIGINT, grantor BIGINT, admin_option BOOLEAN,
    inherit_option BOOLEAN, set_option BOOLEAN)
;
-- no statistics are kept: the relations are listed with zero counters and no times (pgcli, DBeaver, Metabase ask)
CREATE VIEW pg_stat_user_tables AS
SELECT c.oid AS relid, n.nspname AS schemaname, c.relname, 0::BIGINT AS seq_scan, NULL::TIMESTAMPTZ AS last_seq_scan,
       0::BIGINT AS seq_tup_read, NULL::BIGINT AS idx_scan, NULL::TIMESTAMPTZ AS last_idx_scan,
       NULL::BIGINT AS idx_tup_fetch, 0::BIGINT AS n_tup_ins, 0::BIGINT AS n_tup_upd, 0::BIGINT AS n_tup_del,
       0::BIGINT AS n_tup_hot_upd, NULL::BIGINT AS n_live_tup, NULL::BIGINT AS n_dead_tup,
       NULL::BIGINT AS n_mod_since_analyze, NULL::BIGINT AS n_ins_since_vacuum, NULL::TIMESTAMPTZ AS last_vacuum,
       NULL::TIMESTAMPTZ AS last_autovacuum, NULL::TIMESTAMPTZ AS last_analyze, NULL::TIMESTAMPTZ AS last_autoanalyze,
       0::BIGINT AS vacuum_count, 0::BIGINT AS autovacuum_count, 0::BIGINT AS analyze_count,
       0::BIGINT AS autoanalyze_count
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm')
;
CREATE VIEW pg_stat_all_tables AS SELECT * FROM pg_stat_user_tables
;
CREATE VIEW pg_statio_user_tables AS
SELECT relid, schemaname, relname, NULL::BIGINT AS heap_blks_read, NULL::BIGINT AS heap_blks_hit,
       NULL::BIGINT AS idx_blks_read, NULL::BIGINT AS idx_blks_hit, NULL::BIGINT AS toast_blks_read,
       NULL::BIGINT AS toast_blks_hit, NULL::BIGINT AS tidx_blks_read, NULL::BIGINT AS tidx_blks_hit
FROM pg_stat_user_tables
;
CREATE TABLE pg_stat_activity AS
SELECT 16383::BIGINT AS datid, current_database_name AS datname, 0 AS pid, 10::BIGINT AS usesysid, role_name AS usename,
       '' AS application_name, NULL::VARCHAR AS client_addr, NULL::TIMESTAMPTZ AS backend_start,
       'active' AS state, '' AS query
FROM gw_settings WHERE false
;
-- information_schema, with PostgreSQL's type names (the gateway rewrites information_schema.x to information_schema_x)
CREATE VIEW information_schema_schemata AS
SELECT s.current_database_name AS catalog_name, n.nspname AS schema_name, s.role_name AS schema_owner,
       NULL::VARCHAR AS default_character_set_catalog, NULL::VARCHAR AS default_character_set_schema,
       NULL::VARCHAR AS default_character_set_name, NULL::VARCHAR AS sql_path
FROM pg_namespace n, gw_settings s
;
CREATE VIEW information_schema_tables AS
SELECT s.current_database_name AS table_catalog, n.nspname AS table_schema, r.relname AS table_name,
       CASE r.relkind WHEN 'v' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,
       NULL::VARCHAR AS self_referencing_column_name, NULL::VARCHAR AS reference_generation,
       NULL::VARCHAR AS user_defined_type_catalog, NULL::VARCHAR AS user_defined_type_schema,
       NULL::VARCHAR AS user_defined_type_name, 'NO' AS is_insertable_into, 'NO' AS is_typed, NULL::VARCHAR AS commit_action
FROM gw_relation r JOIN pg_namespace n ON n.oid = r.relnamespace, gw_settings s
;
CREATE VIEW information_schema_columns AS
SELECT s.current_database_name AS table_catalog, n.nspname AS table_schema, r.relname AS table_name,
       c.attname AS column_name, c.attnum AS ordinal_position, NULL::VARCHAR AS column_default,
       CASE WHEN c.attnotnull THEN 'NO' ELSE 'YES' END AS is_nullable, c.sql_type AS data_type,
       NULL::INTEGER AS character_maximum_length,
       CASE WHEN t.typname IN ('varchar', 'text') THEN 1073741824 END AS character_octet_length,
       c.numeric_precision, CASE WHEN c.numeric_precision IS NOT NULL THEN CASE WHEN t.typname = 'numeric' THEN 10 ELSE 2 END END AS numeric_precision_radix,
       c.numeric_scale,
       CASE WHEN t.typname IN ('date') THEN 0 WHEN t.typname IN ('timestamp', 'timestamptz', 'time') THEN 6 END AS datetime_precision,
       NULL::VARCHAR AS interval_type, NULL::INTEGER AS interval_precision,
       NULL::VARCHAR AS character_set_catalog, NULL::VARCHAR AS character_set_schema, NULL::VARCHAR AS character_set_name,
       NULL::VARCHAR AS collation_catalog, NULL::VARCHAR AS collation_schema, NULL::VARCHAR AS collation_name,
       NULL::VARCHAR AS domain_catalog, NULL::VARCHAR AS domain_schema, NULL::VARCHAR AS domain_name,
       s.current_database_name AS udt_catalog, 'pg_catalog' AS udt_schema, t.typname AS udt_name,
       NULL::VARCHAR AS scope_catalog, NULL::VARCHAR AS scope_schema, NULL::VARCHAR AS scope_name,
       NULL::INTEGER AS maximum_cardinality, c.attnum::VARCHAR AS dtd_identifier, 'NO' AS is_self_referencing,
       'NO' AS is_identity, NULL::VARCHAR AS identity_generation, NULL::VARCHAR AS identity_start,
       NULL::VARCHAR AS identity_increment, NULL::VARCHAR AS identity_maximum, NULL::VARCHAR AS identity_minimum,
       NULL::VARCHAR AS identity_cycle, 'NEVER' AS is_generated, NULL::VARCHAR AS generation_expression,
       'NO' AS is_updatable
FROM gw_column c JOIN gw_relation r ON r.oid = c.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace
     JOIN gw_type t ON t.oid = c.atttypid, gw_settings s
;
CREATE VIEW information_schema_views AS
SELECT s.current_database_name AS table_catalog, n.nspname AS table_schema, r.relname AS table_name,
       r.definition AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable, 'NO' AS is_insertable_into,
       'NO' AS is_trigger_updatable, 'NO' AS is_trigger_deletable, 'NO' AS is_trigger_insertable_into
FROM gw_relation r JOIN pg_namespace n ON n.oid = r.relnamespace, gw_settings s
WHERE r.relkind = 'v'
;
CREATE VIEW information_schema_table_constraints AS
SELECT NULL::VARCHAR AS constraint_catalog, NULL::VARCHAR AS constraint_schema, NULL::VARCHAR AS constraint_name,
       NULL::VARCHAR AS table_catalog, NULL::VARCHAR AS table_schema, NULL::VARCHAR AS table_name,
       NULL::VARCHAR AS constraint_type, 'NO' AS is_deferrable, 'NO' AS initially_deferred, 'YES' AS enforced,
       NULL::VARCHAR AS nulls_distinct
WHERE false
;
CREATE VIEW information_schema_key_column_usage AS
SELECT NULL::VARCHAR AS constraint_catalog, NULL::VARCHAR AS constraint_schema, NULL::VARCHAR AS constraint_name,
       NULL::VARCHAR AS table_catalog, NULL::VARCHAR AS table_schema, NULL::VARCHAR AS table_name,
       NULL::VARCHAR AS column_name, NULL::INTEGER AS ordinal_position, NULL::INTEGER AS position_in_unique_constraint
WHERE false
;
CREATE VIEW information_schema_referential_constraints AS
SELECT NULL::VARCHAR AS constraint_catalog, NULL::VARCHAR AS constraint_schema, NULL::VARCHAR AS constraint_name,
       NULL::VARCHAR AS unique_constraint_catalog, NULL::VARCHAR AS unique_constraint_schema,
       NULL::VARCHAR AS unique_constraint_name, NULL::VARCHAR AS match_option, NULL::VARCHAR AS update_rule,
       NULL::VARCHAR AS delete_rule
WHERE false
;
CREATE VIEW information_schema_constraint_column_usage AS
SELECT NULL::VARCHAR AS table_catalog, NULL::VARCHAR AS table_schema, NULL::VARCHAR AS table_name,
       NULL::VARCHAR AS column_name, NULL::VARCHAR AS constraint_catalog, NULL::VARCHAR AS constraint_schema,
       NULL::VARCHAR AS constraint_name
WHERE false
;
-- read-only: every relation grants SELECT to PUBLIC and nothing else
CREATE VIEW information_schema_table_privileges AS
SELECT s.role_name AS grantor, 'PUBLIC' AS grantee, s.current_database_name AS table_catalog, n.nspname AS table_schema,
       r.relname AS table_name, 'SELECT' AS privilege_type, 'NO' AS is_grantable, 'YES' AS with_hierarchy
FROM gw_relation r JOIN pg_namespace n ON n.oid = r.relnamespace, gw_settings s
;
CREATE VIEW information_schema_role_table_grants AS SELECT * FROM information_schema_table_privileges
;
CREATE VIEW information_schema_column_privileges AS
SELECT s.role_name AS grantor, 'PUBLIC' AS grantee, s.current_database_name AS table_catalog, n.nspname AS table_schema,
       r.relname AS table_name, c.attname AS column_name, 'SELECT' AS privilege_type, 'NO' AS is_grantable
FROM gw_column c JOIN gw_relation r ON r.oid = c.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace, gw_settings s
;
CREATE VIEW information_schema_routines AS
SELECT NULL::VARCHAR AS specific_catalog, NULL::VARCHAR AS specific_schema, NULL::VARCHAR AS specific_name,
       NULL::VARCHAR AS routine_catalog, NULL::VARCHAR AS routine_schema, NULL::VARCHAR AS routine_name,
       NULL::VARCHAR AS routine_type, NULL::VARCHAR AS data_type
WHERE false
;
-- PostgreSQL's catalogue functions, as far as clients call them
-- read-only: SELECT (and what only reads: USAGE of a schema, CONNECT and TEMP-free access to the database,
-- REFERENCES) is held; INSERT, UPDATE, DELETE, TRUNCATE, TRIGGER, CREATE are not. A list asks for any of them.
CREATE MACRO gw_read_privilege(privileges) AS
    list_has_any(list_transform(string_split(upper(privileges), ','),
                                lambda p: trim(replace(p, 'WITH GRANT OPTION', ''))),
                 ['SELECT', 'USAGE', 'CONNECT', 'REFERENCES'])
;
CREATE MACRO pg_get_userbyid(id) AS (SELECT role_name FROM gw_settings)
;
CREATE MACRO pg_table_is_visible(id) AS true
;
CREATE MACRO pg_type_is_visible(id) AS true
;
CREATE MACRO pg_function_is_visible(id) AS true
;
CREATE MACRO pg_encoding_to_char(e) AS 'UTF8'
;
CREATE MACRO pg_get_expr(expr, rel, pretty := false) AS NULL::VARCHAR
;
CREATE MACRO pg_get_constraintdef(id, pretty := false) AS NULL::VARCHAR
;
CREATE MACRO pg_get_indexdef(id, col := 0, pretty := false) AS NULL::VARCHAR
;
CREATE MACRO pg_get_viewdef(id, pretty := false) AS (SELECT definition FROM gw_relation WHERE oid = id)
;
CREATE MACRO pg_get_statisticsobjdef_columns(id) AS NULL::VARCHAR
;
CREATE MACRO pg_relation_is_publishable(id) AS false
;
CREATE MACRO pg_get_function_result(id) AS NULL::VARCHAR
;
CREATE MACRO pg_get_function_arguments(id) AS NULL::VARCHAR
;
CREATE MACRO pg_get_triggerdef(id, pretty := false) AS NULL::VARCHAR
;
CREATE MACRO pg_get_partkeydef(id) AS NULL::VARCHAR
;
CREATE MACRO pg_get_ruledef(id, pretty := false) AS NULL::VARCHAR
;
CREATE MACRO pg_backend_pid() AS 0
;
CREATE MACRO pg_is_in_recovery() AS false
;
CREATE MACRO pg_postmaster_start_time() AS (SELECT started FROM gw_settings)
;
CREATE MACRO obj_description(id, catalog := NULL) AS
    (SELECT first(description) FROM pg_description d WHERE d.objoid = id AND d.objsubid = 0)
;
CREATE MACRO shobj_description(id, catalog) AS NULL::VARCHAR
;
CREATE MACRO col_description(id, col) AS
    (SELECT first(description) FROM pg_description d WHERE d.objoid = id AND d.objsubid = col)
;
CREATE MACRO has_table_privilege(a, b, c := NULL) AS gw_read_privilege(coalesce(c, b))
;
CREATE MACRO has_schema_privilege(a, b, c := NULL) AS gw_read_privilege(coalesce(c, b))
;
CREATE MACRO has_database_privilege(a, b, c := NULL) AS gw_read_privilege(coalesce(c, b))
;
CREATE MACRO has_column_privilege(a, b, c, d := NULL) AS gw_read_privilege(coalesce(d, c))
;
CREATE MACRO has_any_column_privilege(a, b, c := NULL) AS gw_read_privilege(coalesce(c, b))
;
-- sizes are not known for relations served from Parquet: NULL, as PostgreSQL answers for what it cannot size
CREATE MACRO pg_table_size(id) AS NULL::BIGINT
;
CREATE MACRO pg_relation_size(id, fork := 'main') AS NULL::BIGINT
;
CREATE MACRO pg_total_relation_size(id) AS NULL::BIGINT
;
CREATE MACRO pg_indexes_size(id) AS NULL::BIGINT
;
CREATE MACRO pg_database_size(name) AS NULL::BIGINT
;
CREATE MACRO pg_size_pretty(bytes) AS
    CASE WHEN bytes IS NULL THEN NULL
         WHEN abs(bytes) < 10240 THEN bytes || ' bytes'
         WHEN abs(bytes) < 10240 * 1024 THEN CAST(round(bytes / 1024) AS BIGINT) || ' kB'
         WHEN abs(bytes) < 10240 * 1024 * 1024 THEN CAST(round(bytes / 1024 / 1024) AS BIGINT) || ' MB'
         ELSE CAST(round(bytes / 1024 / 1024 / 1024) AS BIGINT) || ' GB' END
;
CREATE MACRO array_remove(arr, element) AS list_filter(arr, lambda x: x IS DISTINCT FROM element)
;
CREATE MACRO information_schema__pg_expandarray(arr) AS TABLE
    SELECT unnest(arr) AS x, unnest(generate_series(1, len(arr))) AS n
;
-- no advisory locks exist: unlocking all is a no-op (Npgsql's pool reset), taking one always succeeds
CREATE MACRO pg_advisory_unlock_all() AS NULL::VARCHAR
;
CREATE MACRO pg_opclass_is_visible(id) AS true
;
CREATE MACRO pg_opfamily_is_visible(id) AS true
;
CREATE MACRO pg_collation_is_visible(id) AS true
;
CREATE MACRO pg_conversion_is_visible(id) AS true
;
CREATE MACRO pg_operator_is_visible(id) AS true
;
CREATE MACRO regexp_split_to_table(text, pattern) AS unnest(regexp_split_to_array(text, pattern))
;
CREATE MACRO array_upper(arr, dim) AS len(arr)
;
CREATE MACRO array_lower(arr, dim) AS CASE WHEN len(arr) > 0 THEN 1 END
;
CREATE MACRO format_type(type_oid, typmod) AS
    (SELECT first(CASE
        WHEN t.typname = 'numeric' AND typmod IS NOT NULL AND typmod >= 4
            THEN 'numeric(' || ((typmod - 4) >> 16) || ',' || ((typmod - 4) & 65535) || ')'
        ELSE t.sql_type END)
     FROM gw_type t WHERE t.oid = type_oid)
;
CREATE MACRO gw_relname(id) AS (SELECT first(relname) FROM pg_class WHERE oid = id)
;
CREATE MACRO parse_ident_last(name) AS replace(string_split(name, '.')[-1], '"', '')
;
CREATE MACRO parse_ident_first(name) AS CASE WHEN contains(name, '.') THEN replace(string_split(name, '.')[1], '"', '') END
;
CREATE MACRO gw_regclass(name) AS
    (SELECT min(oid) FROM (
         SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relname = parse_ident_last(name) AND (n.nspname = parse_ident_first(name) OR parse_ident_first(name) IS NULL)
         UNION ALL SELECT oid FROM gw_catalog_relation WHERE relname = name))
;
-- PostgreSQL's format() (DuckDB's reads {} placeholders): %s (NULL as ''), %I (quoted when it must be), %L (a
-- literal, NULL as NULL), with up to three arguments — what catalogue queries use (Metabase: format('%I.%I', s, t))
CREATE MACRO gw_quote_ident(v) AS
    CASE WHEN v IS NULL THEN NULL WHEN regexp_full_match(v, '[a-z_][a-z0-9_$]*') THEN v
         ELSE '"' || replace(v, '"', '""') || '"' END
;
CREATE MACRO gw_format_arg(spec, v) AS
    CASE spec WHEN '%I' THEN gw_quote_ident(CAST(v AS VARCHAR))
              WHEN '%L' THEN coalesce('''' || replace(CAST(v AS VARCHAR), '''', '''''') || '''', 'NULL')
              ELSE coalesce(CAST(v AS VARCHAR), '') END
;
CREATE MACRO gw_format(f) AS f,
    (f, a) AS printf(regexp_replace(f, '%[IL]', '%s', 'g'), gw_format_arg(regexp_extract_all(f, '%[sIL]')[1], a)),
    (f, a, b) AS printf(regexp_replace(f, '%[IL]', '%s', 'g'), gw_format_arg(regexp_extract_all(f, '%[sIL]')[1], a),
        gw_format_arg(regexp_extract_all(f, '%[sIL]')[2], b)),
    (f, a, b, c) AS printf(regexp_replace(f, '%[IL]', '%s', 'g'), gw_format_arg(regexp_extract_all(f, '%[sIL]')[1], a),
        gw_format_arg(regexp_extract_all(f, '%[sIL]')[2], b), gw_format_arg(regexp_extract_all(f, '%[sIL]')[3], c))
;
-- CAST(x AS regclass): a relation's name (text) as its OID, an OID as itself
CREATE MACRO gw_to_regclass(x) AS coalesce(TRY_CAST(x AS BIGINT), gw_regclass(x))
;
CREATE MACRO gw_typname(id) AS format_type(id, NULL)
;
-- an oidvector or oid[] as type names ({int4,text} → [integer, text]): x::regtype[]
CREATE MACRO gw_regtypes(x) AS
    CASE WHEN x IS NULL THEN NULL ELSE
        (SELECT coalesce(list(coalesce(t.sql_type, u.id::VARCHAR) ORDER BY u.i), []::VARCHAR[])
         FROM (SELECT unnest(ids) AS id, unnest(generate_series(1, len(ids))) AS i
               FROM (SELECT list_transform(list_filter(regexp_split_to_array(trim(CAST(x AS VARCHAR), '{}[] '), '[ ,]+'),
                                                       lambda s: s <> ''), lambda s: TRY_CAST(s AS BIGINT)) AS ids)) u
         LEFT JOIN gw_type t ON t.oid = u.id) END
;
CREATE MACRO gw_regtype(name) AS
    (SELECT min(oid) FROM gw_type WHERE typname = lower(parse_ident_last(name)) OR sql_type = lower(name))
;
CREATE MACRO gw_nspname(id) AS (SELECT first(nspname) FROM pg_namespace WHERE oid = id)
;
CREATE MACRO gw_proname(id) AS (SELECT first(proname) FROM pg_proc WHERE oid = id)
;
-- current_schemas(b) is rewritten to this; the session fills in its search_path's schemas
CREATE MACRO gw_current_schemas(all_schemas, explicit_schemas, include_implicit) AS
    CASE WHEN include_implicit THEN all_schemas ELSE explicit_schemas END
;
CREATE MACRO txid_current() AS 1
;
CREATE MACRO quote_ident(name) AS CASE WHEN regexp_full_match(name, '[a-z_][a-z0-9_$]*') THEN name ELSE '"' || replace(name, '"', '""') || '"' END
;
CREATE MACRO inet_server_addr() AS NULL::VARCHAR
;
CREATE MACRO inet_server_port() AS NULL::INTEGER

;
CREATE MACRO gw_setting_value(n, missing_ok := false) AS (SELECT first(setting) FROM gw_setting WHERE lower(name) = lower(n))
;
CREATE MACRO gw_version() AS 'PostgreSQL 15.6 (nyckeltal gateway, DuckDB ' || version() || ') on x86_64-pc-linux-gnu, read-only'
;
CREATE MACRO gw_current_database() AS (SELECT current_database_name FROM gw_settings)
;
CREATE MACRO gw_current_schema(name) AS name
;
CREATE MACRO gw_current_user() AS (SELECT role_name FROM gw_settings)
;
CREATE MACRO pg_get_keywords() AS TABLE
    SELECT keyword_name AS word,
           CASE keyword_category WHEN 'reserved' THEN 'R' WHEN 'unreserved' THEN 'U'
               WHEN 'type_function' THEN 'T' ELSE 'C' END AS catcode,
           true AS barelabel,
           keyword_category AS catdesc,
           'can be bare label' AS baredesc
    FROM duckdb_keywords()
