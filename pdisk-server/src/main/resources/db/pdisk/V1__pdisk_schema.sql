-- pdisk's own tables (kept apart from the core's schema; history table pdisk_schema_history).
CREATE TABLE pdisk_disk (
    uuid           VARCHAR(36)   NOT NULL PRIMARY KEY,
    owner          VARCHAR(1024) NOT NULL,
    group_list     VARCHAR(4096) NOT NULL,
    visibility     INT           NOT NULL,
    creation_ms    BIGINT        NOT NULL,
    tag            VARCHAR(1024) NOT NULL,
    size_gib       BIGINT        NOT NULL,
    quarantine     VARCHAR(64)   NOT NULL,
    identifier     VARCHAR(255)  NOT NULL,
    seed           BOOLEAN       NOT NULL,
    base_disk_uuid VARCHAR(36),
    disk_type      INT           NOT NULL
);
CREATE INDEX pdisk_disk_identifier ON pdisk_disk (identifier);
CREATE INDEX pdisk_disk_creation ON pdisk_disk (creation_ms);

CREATE TABLE pdisk_instance (
    vm_id  VARCHAR(64)   NOT NULL PRIMARY KEY,
    node   VARCHAR(255)  NOT NULL,
    owner  VARCHAR(1024) NOT NULL,
    ts_ms  BIGINT        NOT NULL
);

CREATE TABLE pdisk_mount (
    id        VARCHAR(110) NOT NULL PRIMARY KEY,
    disk_uuid VARCHAR(36)  NOT NULL,
    vm_id     VARCHAR(64)  NOT NULL,
    device    VARCHAR(16)  NOT NULL,
    ts_ms     BIGINT       NOT NULL,
    CONSTRAINT pdisk_mount_disk FOREIGN KEY (disk_uuid) REFERENCES pdisk_disk (uuid),
    CONSTRAINT pdisk_mount_instance FOREIGN KEY (vm_id) REFERENCES pdisk_instance (vm_id)
);
CREATE INDEX pdisk_mount_disk_idx ON pdisk_mount (disk_uuid);
