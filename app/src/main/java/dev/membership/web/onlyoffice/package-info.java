/** The ONLYOFFICE DocSpace dialect: one portal per organization under /docspace/{orgId}, groups API. */
package dev.membership.web.onlyoffice;
