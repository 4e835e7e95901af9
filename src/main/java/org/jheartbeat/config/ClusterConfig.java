package org.jheartbeat.config;

/**
 * The whole validated configuration of one node: ha.cf, authkeys, haresources and the optional
 * monitors file.
 */
public record ClusterConfig(ConfigPaths paths, HaCf haCf, AuthKeys authKeys, HaResources haResources,
    Monitors monitors) {}
