/**
 * What the web console (module {@code web-console}, static files served at {@code /}) needs from
 * the server: which engine and template flavor are active ({@code GET /api/console}) and live
 * plugin state changes as server-sent events ({@code GET /api/plugins/events}).
 */
package dev.plugboard.runtime.web;
