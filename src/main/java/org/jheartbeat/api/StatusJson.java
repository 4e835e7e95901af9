package org.jheartbeat.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The status report as JSON, one line on the control socket, indented for people. */
public final class StatusJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private StatusJson() {}

  public static String write(StatusReport report) {
    try {
      return MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status report not serialisable", e);
    }
  }

  public static String pretty(StatusReport report) {
    try {
      return PRETTY.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("status report not serialisable", e);
    }
  }

  public static StatusReport read(String json) throws JsonProcessingException {
    return MAPPER.readValue(json, StatusReport.class);
  }
}
