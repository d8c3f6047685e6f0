DROP INDEX `participants_phone`;--> statement-breakpoint
ALTER TABLE `participants` ADD `recovery_hash` text;--> statement-breakpoint
CREATE INDEX `participants_phone_hash` ON `participants` (`campaign_id`,`phone_hash`);--> statement-breakpoint
ALTER TABLE `attempts` ADD `review` text;