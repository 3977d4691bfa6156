/** Directory (IMS) groups: external groups of people that the service mirrors and groups can link to. */
package dev.membership.api.directory;
