package org.jheartbeat.config;

/** The whole validated configuration of one node: ha.cf, authkeys and haresources. */
public record ClusterConfig(ConfigPaths paths, HaCf haCf, AuthKeys authKeys, HaResources haResources) {}
