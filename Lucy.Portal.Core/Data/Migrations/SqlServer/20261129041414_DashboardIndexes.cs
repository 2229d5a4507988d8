using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lucy.Portal.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DashboardIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RecoveryCodes_UserId_UsedAt",
                table: "RecoveryCodes",
                columns: new[] { "UserId", "UsedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorId_Event_OccurredAt",
                table: "AuditEvents",
                columns: new[] { "ActorId", "Event", "OccurredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Event_OccurredAt_Outcome",
                table: "AuditEvents",
                columns: new[] { "Event", "OccurredAt", "Outcome" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers",
                column: "LockoutEnd");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_Id_AuthyId_TwoFactorViaTwilioVerify",
                table: "AspNetUsers",
                columns: new[] { "TwoFactorEnabled", "Id", "AuthyId", "TwoFactorViaTwilioVerify" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RecoveryCodes_UserId_UsedAt",
                table: "RecoveryCodes");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_ActorId_Event_OccurredAt",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Event_OccurredAt_Outcome",
                table: "AuditEvents");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LockoutEnd",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_TwoFactorEnabled_Id_AuthyId_TwoFactorViaTwilioVerify",
                table: "AspNetUsers");
        }
    }
}
