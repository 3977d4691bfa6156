/** The service's own settings, checked before anything starts. */
package dev.membership.infra.settings;
