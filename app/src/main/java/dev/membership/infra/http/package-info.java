/** HTTP plumbing shared by every dialect: the request body limit and a request whose body was read ahead. */
package dev.membership.infra.http;
