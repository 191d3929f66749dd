-- Core schema, portable between H2 (MySQL mode) and MariaDB/MySQL.
-- Like oned, each pool keeps its objects as a serialized body plus the columns it filters on.
-- The body is the JSON form of the object (Jackson); history records and leases have their own
-- tables so that they are never rewritten with the VM or the network.

CREATE TABLE pool_control (
    tablename VARCHAR(32) NOT NULL PRIMARY KEY,
    last_oid  INT NOT NULL
);

CREATE TABLE user_pool (
    oid  INT NOT NULL PRIMARY KEY,
    name VARCHAR(512) NOT NULL,
    gid  INT NOT NULL,
    body MEDIUMTEXT NOT NULL,
    CONSTRAINT user_name_unique UNIQUE (name)
);

CREATE TABLE group_pool (
    oid  INT NOT NULL PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    body MEDIUMTEXT NOT NULL,
    CONSTRAINT group_name_unique UNIQUE (name)
);

CREATE TABLE acl_pool (
    oid      INT NOT NULL PRIMARY KEY,
    user_bits     BIGINT NOT NULL,
    resource_bits BIGINT NOT NULL,
    rights_bits   BIGINT NOT NULL,
    CONSTRAINT acl_rule_unique UNIQUE (user_bits, resource_bits, rights_bits)
);

CREATE TABLE host_pool (
    oid   INT NOT NULL PRIMARY KEY,
    name  VARCHAR(255) NOT NULL,
    state INT NOT NULL,
    body  MEDIUMTEXT NOT NULL,
    CONSTRAINT host_name_unique UNIQUE (name)
);

CREATE TABLE network_pool (
    oid  INT NOT NULL PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    uid  INT NOT NULL,
    gid  INT NOT NULL,
    body MEDIUMTEXT NOT NULL,
    CONSTRAINT network_name_owner_unique UNIQUE (name, uid)
);

-- One row per lease in use (RANGED) or declared (FIXED). The primary key makes a double lease of
-- one address impossible even if two requests race.
CREATE TABLE network_leases (
    network_oid INT NOT NULL,
    ip          BIGINT NOT NULL,
    mac         VARCHAR(17) NOT NULL,
    used        INT NOT NULL,
    vid         INT NOT NULL,
    PRIMARY KEY (network_oid, ip)
);

CREATE TABLE vm_pool (
    oid       INT NOT NULL PRIMARY KEY,
    name      VARCHAR(128) NOT NULL,
    uid       INT NOT NULL,
    gid       INT NOT NULL,
    state     INT NOT NULL,
    lcm_state INT NOT NULL,
    last_poll INT NOT NULL,
    body      MEDIUMTEXT NOT NULL
);
CREATE INDEX vm_pool_state ON vm_pool (state);
CREATE INDEX vm_pool_uid ON vm_pool (uid);

CREATE TABLE vm_history (
    vid  INT NOT NULL,
    seq  INT NOT NULL,
    body MEDIUMTEXT NOT NULL,
    PRIMARY KEY (vid, seq)
);

CREATE TABLE image_pool (
    oid  INT NOT NULL PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    uid  INT NOT NULL,
    gid  INT NOT NULL,
    body MEDIUMTEXT NOT NULL,
    CONSTRAINT image_name_owner_unique UNIQUE (name, uid)
);

CREATE TABLE template_pool (
    oid  INT NOT NULL PRIMARY KEY,
    name VARCHAR(128) NOT NULL,
    uid  INT NOT NULL,
    gid  INT NOT NULL,
    body MEDIUMTEXT NOT NULL
);
