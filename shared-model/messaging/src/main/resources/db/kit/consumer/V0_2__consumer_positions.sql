-- A consumer's (analytics, correlation) highest data_ready sequence number below which nothing is missing, per
-- series; written by PositionStore. Only consumers list db/kit/consumer in quarkus.flyway.locations.
CREATE TABLE ${flyway:defaultSchema}.consumer_positions (
    pair        text   NOT NULL,
    granularity text   NOT NULL,
    confirmed   bigint NOT NULL,
    PRIMARY KEY (pair, granularity)
);
